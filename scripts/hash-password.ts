/**
 * Prints one DASHBOARD_USERS hash line for a password:
 *   npm run -s hash-password -- 'correct horse battery staple'
 * Without an argument the password is read from stdin (keeps it out of shell history).
 */
import { text } from "node:stream/consumers";
import { hashPassword } from "../lib/auth/password";

async function main(): Promise<void> {
  const fromArgs = process.argv[2];
  const password = fromArgs ?? (await text(process.stdin)).replace(/\r?\n$/, "");
  if (!password) {
    console.error("Usage: npm run -s hash-password -- 'password'   (or pipe the password on stdin)");
    process.exit(2);
  }
  console.log(await hashPassword(password));
}

void main();
