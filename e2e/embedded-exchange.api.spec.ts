/**
 * The embedded demo exchange is loaded only in demo mode: a live server (GEMINI_API_KEY/SECRET,
 * here pointed at a standalone demo exchange) serves every read without ever loading its code.
 * The observable is Node's own record of each file a process loads (NODE_DEBUG=module), matched
 * against the production build's chunks that hold the exchange's code.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { launchApp, startApp, startExchange, stopAll, waitForUrl, type Spawned } from "../testkit/processes";
import { liveEnv, signInEnv, TEST_USER } from "../testkit/sign-in";

const SERVER_CHUNKS = ".next/standalone/.next/server/chunks";
/** The embedded exchange's fixture routes: in its code, and nowhere else in the server build. */
const EXCHANGE_MARKER = "/__demo/";
/** Every read that reaches Gemini: the page's prefetch, the balances, treasury and roles routes. */
const READS = ["/", "/overview", "/api/accounts", "/api/balances?account=primary&pending=false", "/api/valuation?account=primary", "/api/overview", "/api/roles"];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The server chunks that hold the demo exchange's code, as absolute paths (how Node names what it loads). */
function exchangeChunks(): string[] {
  return filesUnder(SERVER_CHUNKS)
    .filter((file) => file.endsWith(".js") && readFileSync(file, "utf8").includes(EXCHANGE_MARKER))
    .map((file) => path.resolve(file));
}

/** Which of `chunks` the process has loaded, by NODE_DEBUG=module's `load "<file>"` lines. */
function loaded(server: Spawned, chunks: string[]): string[] {
  return chunks.filter((chunk) => server.output().includes(`load ${JSON.stringify(chunk)}`));
}

async function readAll(baseUrl: string, cookie?: string): Promise<void> {
  for (const read of READS) {
    const response = await fetch(`${baseUrl}${read}`, { headers: cookie ? { cookie } : {} });
    expect({ read, status: response.status }).toEqual({ read, status: 200 });
  }
}

const running: Spawned[] = [];
test.afterEach(async () => {
  await stopAll(running.splice(0));
});

test("the build keeps the demo exchange's code in chunks of its own", () => {
  // Without these the checks below could pass for want of anything to look for.
  expect(exchangeChunks().length).toBeGreaterThan(0);
});

test("a live server never loads the embedded demo exchange", async () => {
  test.setTimeout(120_000);
  const chunks = exchangeChunks();
  const exchange = await startExchange();
  running.push(exchange);
  const app = await startApp({ env: { ...liveEnv(exchange.url), ...signInEnv, NODE_DEBUG: "module" } });
  running.push(app);
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(TEST_USER),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

  await readAll(app.url, cookie);
  expect(app.output()).toContain('"mode":"live"');
  expect(loaded(app, chunks)).toEqual([]);
});

test("the embedded demo mode does load it (so the check above can fail)", async () => {
  test.setTimeout(120_000);
  const chunks = exchangeChunks();
  const app = await launchApp({ env: { NODE_DEBUG: "module" } });
  running.push(app);
  await waitForUrl(`${app.url}/api/health`, app);
  expect(loaded(app, chunks)).toEqual([]); // not at start either: only once a read needs it
  await readAll(app.url);
  expect(loaded(app, chunks).length).toBeGreaterThan(0);
});
