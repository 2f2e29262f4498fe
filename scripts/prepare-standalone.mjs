// `next build` leaves static assets out of .next/standalone; copy them in so
// `node .next/standalone/server.js` serves the whole app.
import { cpSync, existsSync } from "node:fs";

const standalone = ".next/standalone";
if (!existsSync(standalone)) {
  console.error("prepare-standalone: .next/standalone is missing; run `next build` first");
  process.exit(1);
}
cpSync(".next/static", `${standalone}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${standalone}/public`, { recursive: true });
