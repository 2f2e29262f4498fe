/**
 * Self-hosting: the standalone build serves the app as `npm start` runs it, the Docker image's
 * command serves it from the image's file layout, and SIGTERM drains before the server exits.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { copies, environment, execForm, finalStage, instructions, readDockerfile, workdir } from "../testkit/dockerfile";
import { demoExchange } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { MINIMUM_NODE_MAJOR, nodeMajor } from "../testkit/node-runtime";

const BALANCES = "/api/balances?account=primary&pending=false";
/** Long enough to signal the server while the upstream call is still out. */
const SLOW_UPSTREAM_MS = 2_000;
/** Next's server exits with 128 + SIGTERM (15) once it has drained: a clean, signalled stop. */
const SIGTERM_EXIT_CODE = 143;
/** `nobody`: when the suite runs as root, the image's command runs as a user that owns none of the files. */
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/** The first script the page's HTML loads: proves .next/static was copied beside the server. */
function firstScript(html: string): string {
  const src = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error("the page loads no script from /_next/static");
  return src;
}

/** Health, the dashboard's HTML, one of its scripts and a file from public/, over plain HTTP. */
async function expectServesTheApp(baseUrl: string): Promise<void> {
  const health = await fetch(`${baseUrl}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, mode: "demo" });

  const page = await fetch(`${baseUrl}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toContain("text/html");
  const html = await page.text();
  expect(html).toMatch(/<title>[^<]*Gemini Treasury/);

  const script = await fetch(`${baseUrl}${firstScript(html)}`);
  expect(script.status).toBe(200);
  expect(script.headers.get("content-type")).toContain("javascript");

  const robots = await fetch(`${baseUrl}/robots.txt`);
  expect(robots.status).toBe(200);
  expect(await robots.text()).toContain("Disallow: /");
}

function connectionRefused(portNumber: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port: portNumber, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "ECONNREFUSED"));
  });
}

test("the standalone server answers /api/health and serves the dashboard with its assets", async ({ baseURL }) => {
  await expectServesTheApp(baseURL!);
});

test("every route handler, page and the proxy run on the Node.js runtime, none on the edge", () => {
  const edge = JSON.parse(readFileSync(".next/server/middleware-manifest.json", "utf8")) as { middleware: object; functions: object };
  expect(edge).toMatchObject({ middleware: {}, functions: {} });
  const node = JSON.parse(readFileSync(".next/server/functions-config-manifest.json", "utf8")) as { functions: Record<string, { runtime?: string }> };
  for (const [name, config] of Object.entries(node.functions)) expect({ name, runtime: config.runtime }).toEqual({ name, runtime: "nodejs" });
  const routes = Object.values(JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>);
  expect(routes.some((file) => file.includes("api/balances"))).toBe(true);
});

test("balances, accounts and the dashboard may not be kept by a CDN, a proxy or a browser", async ({ baseURL }) => {
  for (const path of ["/", BALANCES, "/api/accounts"]) {
    const response = await fetch(`${baseURL}${path}`);
    expect(response.status).toBe(200);
    const cacheControl = response.headers.get("cache-control") ?? "";
    expect({ path, cacheControl }).toEqual({ path, cacheControl: expect.stringMatching(/(?=.*\bno-store\b)(?=.*\bprivate\b)/) });
  }
});

test.describe("processes the test starts itself", () => {
  const running: Running[] = [];
  let imageRoot: string | undefined;

  test.afterEach(async () => {
    await stopAll(running.splice(0));
    if (imageRoot) {
      execFileSync("chmod", ["-R", "u+w", imageRoot]);
      rmSync(imageRoot, { recursive: true, force: true });
    }
    imageRoot = undefined;
  });

  test("the Docker image's command serves the app from the image's file layout, with files it cannot write", async () => {
    const dockerfile = readDockerfile();
    const runner = finalStage(dockerfile);
    const builderWorkdir = workdir(dockerfile.stages.find((stage) => stage.name === "builder")!);

    // Lay the files out as the runner stage's COPY lines do; the builder's workdir is this checkout.
    imageRoot = mkdtempSync(path.join(tmpdir(), "dashboard-image-"));
    const appDir = path.join(imageRoot, workdir(runner));
    for (const copy of copies(runner)) {
      for (const source of copy.sources) {
        // As COPY does, links stay as written: Next links external packages (PGlite, pg) from
        // .next/node_modules relatively; resolved, they would point back into this checkout.
        cpSync(path.relative(builderWorkdir, source), path.resolve(appDir, copy.destination), { recursive: true, verbatimSymlinks: true });
      }
    }
    // The image's files are root's and the USER owns none of them (test/dockerfile.test.ts): here
    // nobody may write them, and as root the server runs as `nobody`, who could not anyway.
    execFileSync("chmod", ["-R", "a-w", appDir]);
    chmodSync(imageRoot, 0o755);
    const runAs = process.getuid?.() === 0 ? UNPRIVILEGED : undefined;
    // The image brings its own Node (the base image's /usr/local/bin/node): here the suite's own
    // binary, copied where `nobody` can run it even when this checkout's folder is private.
    const imageNode = path.join(imageRoot, "usr/local/bin/node");
    mkdirSync(path.dirname(imageNode), { recursive: true });
    copyFileSync(process.execPath, imageNode);
    chmodSync(imageNode, 0o755);

    // The image's DATA_DIR (the one folder its user may write, test/dockerfile.test.ts), as a
    // `-v treasury-data:/data` volume would give it: owned by the user the server runs as.
    const dataDir = path.join(imageRoot, environment(runner).DATA_DIR!);
    mkdirSync(dataDir, { mode: 0o700 });
    if (runAs) execFileSync("chown", [`${runAs.uid}:${runAs.gid}`, dataDir]);

    const exchange = await startExchange();
    running.push(exchange);
    // `docker run -e PORT=... -e DEMO_EXCHANGE_URL=... -v ...:/data` on top of the image's ENV.
    const app = await startApp({
      env: { DEMO_EXCHANGE_URL: exchange.url, DATA_DIR: dataDir, PATH: `${path.dirname(imageNode)}:${process.env.PATH ?? ""}` },
      command: execForm(instructions(runner, "CMD")[0]!.args) as [string, ...string[]],
      cwd: appDir,
      baseEnv: environment(runner),
      runAs,
    });
    running.push(app);
    await expectServesTheApp(app.url);
    const balances = await fetch(`${app.url}${BALANCES}`);
    expect(balances.status).toBe(200);
    expect(app.output()).not.toMatch(/EACCES|EPERM|EROFS/);
    if (runAs) expect(readFileSync(`/proc/${app.pid}/status`, "utf8")).toMatch(new RegExp(`^Uid:\\s+${runAs.uid}\\s`, "m"));

    // It runs on the Node this suite runs on, one that engines accepts.
    const serverNode = readlinkSync(`/proc/${app.pid}/exe`);
    expect(realpathSync(serverNode)).toBe(realpathSync(imageNode));
    expect(execFileSync(imageNode, ["--version"], { encoding: "utf8" }).trim()).toBe(process.version);
    expect(nodeMajor(process.version)).toBeGreaterThanOrEqual(MINIMUM_NODE_MAJOR);
  });

  test("SIGTERM: the request in flight finishes, new connections are refused, the server exits", async () => {
    const exchange = await startExchange();
    running.push(exchange);
    // The cache off, so the slow request really waits on the exchange.
    const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: "0" } });
    running.push(app);
    // The first balances call also fetches the account list: get that out of the way.
    expect((await fetch(`${app.url}${BALANCES}`)).status).toBe(200);
    await demoExchange(exchange.url).setLatency(SLOW_UPSTREAM_MS);

    let settled = false;
    const slow = fetch(`${app.url}${BALANCES}`).then(async (response) => {
      const body = (await response.json()) as { balances?: unknown[] };
      settled = true;
      return { status: response.status, body };
    });
    await expect.poll(async () => (await demoExchange(exchange.url).stats()).inFlight).toBe(1);

    process.kill(app.pid, "SIGTERM");
    await expect.poll(() => connectionRefused(app.port)).toBe(true);
    expect(settled).toBe(false);

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.body.balances?.length).toBeGreaterThan(0);
    expect(await app.exited).toBe(SIGTERM_EXIT_CODE);
  });
});
