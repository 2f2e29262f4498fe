import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

// The house rules of eslint.config.mjs, run through ESLint's own API on code that breaks them: a rule
// that never fires would pass `npm run lint` forever.
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LINT_TIMEOUT_MS = 120_000;

const onDisk = new ESLint({ cwd: ROOT });
// no-cycle reads the linted file back from disk, so it is off for code that exists only in memory.
const inMemory = new ESLint({ cwd: ROOT, overrideConfig: { rules: { "import/no-cycle": "off" } } });

/** The rule ids ESLint reports for `code` as if it were the file at `filePath` (relative to the root). */
async function reportedRules(filePath: string, code: string, eslint = inMemory): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe("the import-direction rule", { timeout: LINT_TIMEOUT_MS }, () => {
  it("reports lib importing from components", async () => {
    const rules = await reportedRules("lib/balances/probe.ts", 'export { Switch } from "@/components/ui/switch";\n');
    expect(rules).toContain("import/no-restricted-paths");
  });

  it("reports lib importing from app", async () => {
    const rules = await reportedRules("lib/balances/probe.ts", 'export { GET } from "@/app/api/health/route";\n');
    expect(rules).toContain("import/no-restricted-paths");
  });

  it("reports components importing from app", async () => {
    const rules = await reportedRules("components/ui/probe.ts", 'export { Providers } from "@/app/providers";\n');
    expect(rules).toContain("import/no-restricted-paths");
  });

  it("reports one component feature folder importing another", async () => {
    const rules = await reportedRules("components/auth/probe.ts", 'export { Freshness } from "@/components/balances/freshness";\n');
    expect(rules).toContain("import/no-restricted-paths");
  });

  it("reports lib/gemini importing the app's domain", async () => {
    const rules = await reportedRules("lib/gemini/probe.ts", 'export { formatAmount } from "@/lib/balances/format";\n');
    expect(rules).toContain("import/no-restricted-paths");
  });

  it("reports lib/gemini importing the demo exchange outside its tests", async () => {
    const rules = await reportedRules("lib/gemini/probe.ts", 'export { DEMO_MASTER_KEY } from "@/lib/demo-exchange/credentials";\n');
    expect(rules).toContain("import/no-restricted-paths");
  });

  it("reports lib/config importing the rest of lib", async () => {
    const rules = await reportedRules("lib/config/probe.ts", 'export { safeNextPath } from "@/lib/next-path";\n');
    expect(rules).toContain("import/no-restricted-paths");
  });

  it("lets imports flow down and into a shared component folder", async () => {
    const code = [
      'export { formatAmount } from "@/lib/balances/format";',
      'export { Switch } from "@/components/ui/switch";',
      'export { Freshness } from "@/components/balances/freshness";',
      "",
    ].join("\n");
    expect(await reportedRules("components/balances/probe.ts", code)).toEqual([]);
  });
});

describe("the cycle rule", { timeout: LINT_TIMEOUT_MS }, () => {
  // Both files of the circle exist on disk for the test.
  const dir = mkdtempSync(join(ROOT, "lib", "lint-probe-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports two modules importing each other", async () => {
    const first = 'import { second } from "./second";\nexport const first = () => second();\n';
    writeFileSync(join(dir, "first.ts"), first);
    writeFileSync(join(dir, "second.ts"), 'import { first } from "./first";\nexport const second = () => first();\n');
    expect(await reportedRules(join("lib", basename(dir), "first.ts"), first, onDisk)).toContain("import/no-cycle");
  });
});

describe("no any in lib", { timeout: LINT_TIMEOUT_MS }, () => {
  it("reports an explicit any", async () => {
    expect(await reportedRules("lib/balances/probe.ts", "export const loose: any = 1;\n")).toContain("@typescript-eslint/no-explicit-any");
  });
});
