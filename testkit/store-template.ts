/**
 * One migrated embedded store (PGlite) per test run, copied into each app's DATA_DIR. Every app
 * opens its store as it starts (the audit trail is kept there), and PGlite's first initdb costs
 * seconds of CPU: paid once per run here, not once per app on two shared cores.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const TEMPLATE_VARIABLE = "E2E_STORE_TEMPLATE";

/** Made once (by whichever process asks first) and named to the others through the environment. */
function storeTemplate(): string {
  const made = process.env[TEMPLATE_VARIABLE];
  if (made && existsSync(made)) return made;
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "e2e-store-template-")), "data");
  // Synchronous (the Playwright config is), so the store is opened and migrated in a child process.
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("testkit", "store-child.ts"), "open", dir], { stdio: "inherit" });
  process.env[TEMPLATE_VARIABLE] = dir;
  return dir;
}

/** Fills a new, empty DATA_DIR with the migrated template (owned by `runAs` when given). */
export function seedDataDir(dataDir: string, runAs?: { uid: number; gid: number }): void {
  cpSync(storeTemplate(), dataDir, { recursive: true });
  if (runAs) execFileSync("chown", ["-R", `${runAs.uid}:${runAs.gid}`, dataDir]);
}
