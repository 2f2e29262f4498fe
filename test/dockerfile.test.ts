/**
 * The Dockerfile, read as docker would. No Docker engine runs here: e2e/standalone.api.spec.ts runs
 * the image's command against the image's file layout; this checks the file and its health check.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { copies, environment, execForm, finalStage, instructions, readDockerfile, workdir } from "@/testkit/dockerfile";
import { nodeMajor, TESTED_NODE_VERSION } from "@/testkit/node-runtime";

const run = promisify(execFile);
const dockerfile = readDockerfile();
const runner = finalStage(dockerfile);
const testedMajor = nodeMajor(TESTED_NODE_VERSION);

describe("Dockerfile", () => {
  it("builds in stages on a slim image of the Node LTS major the suite is tested on, and runs only the last one", () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(["deps", "builder", "runner"]);
    for (const stage of dockerfile.stages) expect(stage.image).toBe(`node:${testedMajor}-trixie-slim`);
    const builder = dockerfile.stages[1]!;
    expect(instructions(builder, "RUN").map((i) => i.args)).toContain("npm run build");
    // Only the standalone output reaches the final image, never the sources or the full node_modules.
    expect(copies(runner).every((copy) => copy.from === "builder")).toBe(true);
    expect(instructions(runner, "RUN").some((i) => /\bnpm\b/.test(i.args))).toBe(false);
  });

  it("copies the standalone server, its static assets and public/ into the working directory", () => {
    expect(workdir(runner)).toBe("/app");
    expect(copies(runner).map(({ sources, destination }) => [sources.join(" "), destination])).toEqual([
      ["/app/.next/standalone", "./"],
      ["/app/.next/static", "./.next/static"],
      ["/app/public", "./public"],
    ]);
  });

  it("runs as an unprivileged user it creates, from before the command", () => {
    const users = instructions(runner, "USER").map((i) => i.args);
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(instructions(runner, "RUN").some((i) => i.args.includes(`useradd`) && i.args.includes(users[0]!))).toBe(true);
    const keywords = runner.instructions.map((i) => i.keyword);
    expect(keywords.indexOf("USER")).toBeLessThan(keywords.indexOf("CMD"));
  });

  it("leaves the app's files root's, so the server cannot rewrite itself: nothing is chowned or opened up", () => {
    for (const copy of copies(runner)) expect({ copy: copy.sources, chown: copy.chown }).toEqual({ copy: copy.sources, chown: null });
    for (const { args } of instructions(runner, "RUN")) expect(args).not.toMatch(/\b(chown|chmod|chgrp)\b|--chmod/);
    for (const { args } of instructions(runner, "COPY")) expect(args).not.toMatch(/--chmod/);
    expect(instructions(runner, "VOLUME")).toEqual([]);
  });

  it("gives the user one folder to write, the history store's DATA_DIR, outside the app", () => {
    const dataDir = environment(runner).DATA_DIR;
    expect(dataDir).toBe("/data");
    expect(`${dataDir}/`.startsWith(`${workdir(runner)}/`)).toBe(false);
    const user = instructions(runner, "USER")[0]!.args;
    const madeWritable = instructions(runner, "RUN").flatMap(({ args }) => [...args.matchAll(/\binstall\s+-d\s+-o\s+(\S+)\s+-g\s+\S+\s+-m\s+0700\s+(\S+)/g)]);
    expect(madeWritable.map((match) => [match[1], match[2]])).toEqual([[user, dataDir]]);
  });

  it("starts the standalone server with node, listening on every interface in production mode", () => {
    expect(execForm(instructions(runner, "CMD")[0]!.args)).toEqual(["node", "server.js"]);
    expect(environment(runner)).toMatchObject({ NODE_ENV: "production", HOSTNAME: "0.0.0.0", PORT: "3000" });
    expect(instructions(runner, "EXPOSE").map((i) => i.args)).toEqual(["3000"]);
  });

  it("checks /api/health with node, since the slim image has no curl or wget", () => {
    const [healthcheck] = instructions(runner, "HEALTHCHECK");
    const command = execForm(healthcheck!.args);
    expect(command.slice(0, 2)).toEqual(["node", "-e"]);
    expect(command[2]).toContain("/api/health");
    expect(readFileSync("Dockerfile", "utf8")).not.toMatch(/\b(curl|wget)\s/);
  });

  it("keeps secrets, dependencies and build output out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n").map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining([".env", ".env.*", "node_modules", ".next", ".git"]));
  });
});

describe("the Dockerfile's HEALTHCHECK command", () => {
  const command = execForm(instructions(runner, "HEALTHCHECK")[0]!.args);
  let server: Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  async function serveHealth(status: number): Promise<number> {
    server = createServer((request, response) => {
      response.writeHead(request.url === "/api/health" ? status : 404).end("{}");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  const healthcheck = (port: number) => run(process.execPath, command.slice(1), { env: { NODE_ENV: "production", PORT: String(port) }, timeout: 10_000 });

  it("passes when /api/health answers 200 on $PORT", async () => {
    await expect(healthcheck(await serveHealth(200))).resolves.toBeDefined();
  });

  it("fails when /api/health answers an error", async () => {
    await expect(healthcheck(await serveHealth(503))).rejects.toMatchObject({ code: 1 });
  });

  it("fails when nothing listens", async () => {
    const port = await serveHealth(200);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    await expect(healthcheck(port)).rejects.toMatchObject({ code: 1 });
  });
});
