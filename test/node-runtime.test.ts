/**
 * The suite runs on the Node.js the project supports, and so does every process it starts: the
 * project's own Node (.node/, from scripts/setup.sh) when the machine's is older than 22, put first on
 * PATH by scripts/node-shell.sh, npm's script shell (in the .npmrc that setup writes).
 */
import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { MINIMUM_NODE_MAJOR, nodeMajor, TESTED_NODE_VERSION } from "@/testkit/node-runtime";

const run = promisify(execFile);
const PROJECT_NODE = path.resolve(".node/bin/node");

describe("the Node.js the tests run on", () => {
  it("is one that package.json's engines accepts", () => {
    expect(MINIMUM_NODE_MAJOR).toBeGreaterThanOrEqual(22);
    expect(nodeMajor(process.version)).toBeGreaterThanOrEqual(MINIMUM_NODE_MAJOR);
  });

  it("is the project's own Node when scripts/setup.sh installed one, at the tested version", () => {
    if (!existsSync(PROJECT_NODE)) return; // the machine's Node is new enough
    expect(realpathSync(process.execPath)).toBe(realpathSync(PROJECT_NODE));
    expect(process.version).toBe(`v${TESTED_NODE_VERSION}`);
  });

  it("is the `node` that child processes start (servers, npm scripts, shebangs)", async () => {
    const { stdout } = await run("node", ["-p", "process.execPath"]);
    expect(realpathSync(stdout.trim())).toBe(realpathSync(process.execPath));
    const script = path.join(mkdtempSync(path.join(tmpdir(), "shebang-")), "which-node");
    writeFileSync(script, "#!/usr/bin/env node\nconsole.log(process.execPath);\n", { mode: 0o755 });
    try {
      const shebang = await run(script);
      expect(realpathSync(shebang.stdout.trim())).toBe(realpathSync(process.execPath));
    } finally {
      rmSync(path.dirname(script), { recursive: true, force: true });
    }
  });

  it("the tested version is the newest supported major's LTS line, which engines accepts", () => {
    expect(TESTED_NODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(nodeMajor(TESTED_NODE_VERSION) % 2).toBe(0); // even majors become LTS
    expect(nodeMajor(TESTED_NODE_VERSION)).toBeGreaterThanOrEqual(MINIMUM_NODE_MAJOR);
  });
});

describe("scripts/node-shell.sh", () => {
  let project: string | undefined;
  afterEach(() => {
    if (project) rmSync(project, { recursive: true, force: true });
    project = undefined;
  });

  /** A copy of the wrapper in a project of its own, optionally with a stand-in .node/bin/node. */
  function projectWith({ projectNode }: { projectNode: boolean }): string {
    project = mkdtempSync(path.join(tmpdir(), "node-shell-"));
    mkdirSync(path.join(project, "scripts"));
    copyFileSync("scripts/node-shell.sh", path.join(project, "scripts/node-shell.sh"));
    if (projectNode) {
      mkdirSync(path.join(project, ".node/bin"), { recursive: true });
      writeFileSync(path.join(project, ".node/bin/node"), "#!/bin/sh\necho project-node\n");
      chmodSync(path.join(project, ".node/bin/node"), 0o755);
    }
    return project;
  }

  // npm calls it as `<script-shell> -c <command>` from the project root (npm run) or the current directory (npx).
  const shell = (root: string, command: string, cwd = root) =>
    run("sh", [path.join(root, "scripts/node-shell.sh"), "-c", command], { cwd }).then(({ stdout }) => stdout.trim());

  it("puts the project's Node first on PATH, from any directory", async () => {
    const root = projectWith({ projectNode: true });
    expect(await shell(root, "node")).toBe("project-node");
    expect(await shell(root, "command -v node", tmpdir())).toBe(path.join(root, ".node/bin/node"));
  });

  it("leaves PATH alone when there is no project Node, so the machine's is used", async () => {
    const root = projectWith({ projectNode: false });
    expect(await shell(root, 'printf %s "$PATH"')).toBe(process.env.PATH);
  });

  it("is npm's script shell, by absolute path, wherever scripts/setup.sh installed a project Node", () => {
    if (!existsSync(PROJECT_NODE)) return;
    expect(readFileSync(".npmrc", "utf8")).toContain(`\nscript-shell=${path.resolve("scripts/node-shell.sh")}\n`);
  });
});
