/**
 * Page weight: the JavaScript a browser downloads on first load of `/`, gzipped, against a bare
 * Next.js page (a layout and a page with one line of text) built in the same run with the same
 * installed next and react. Scripts are read the way Chromium sees them: every <script src> in the
 * HTML except `nomodule` ones, which modern browsers skip.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort, localUrl, spawnProcess, startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { report, runBench } from "./support/report";
import { round } from "./support/stats";

const GOAL_RATIO = 1.3;
const KIB = 1024;
/** Inside .next: ignored by git and tsc, and gone with the next build. */
const BARE_DIR = path.resolve(".next/bench-bare-app");
const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

const { values } = parseArgs({ options: { smoke: { type: "boolean", default: false } }, strict: true });

interface Weight {
  scripts: { src: string; bytes: number; gzipBytes: number }[];
  jsBytes: number;
  jsGzipBytes: number;
  htmlGzipBytes: number;
}

/** What the HTML of `url` makes the browser download as JavaScript. */
export async function firstLoadJs(url: string): Promise<Weight> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const html = await response.text();
  const sources = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = /\bsrc="([^"]+)"/i.exec(tag)?.[1];
    if (src && !/\bnomodule\b/i.test(tag)) sources.add(src);
  }
  const scripts = [];
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    // zlib's default level, as Next's own compression and most proxies use.
    scripts.push({ src, bytes: body.length, gzipBytes: gzipSync(body).length });
  }
  return {
    scripts,
    jsBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
    jsGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
    htmlGzipBytes: gzipSync(Buffer.from(html)).length,
  };
}

function writeBareApp(): void {
  rmSync(BARE_DIR, { recursive: true, force: true });
  mkdirSync(path.join(BARE_DIR, "app"), { recursive: true });
  // Its own package.json: the one in .next declares CommonJS, which would apply to these files.
  writeFileSync(path.join(BARE_DIR, "package.json"), '{ "private": true }\n');
  writeFileSync(path.join(BARE_DIR, "next.config.mjs"), "export default { poweredByHeader: false, reactStrictMode: true };\n");
  writeFileSync(
    path.join(BARE_DIR, "app/layout.jsx"),
    'export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
  );
  writeFileSync(path.join(BARE_DIR, "app/page.jsx"), "export default function Page() {\n  return <main>Hello</main>;\n}\n");
}

async function bareAppWeight(): Promise<Weight> {
  writeBareApp();
  execFileSync(process.execPath, [NEXT_BIN, "build", BARE_DIR], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const port = await freePort();
  const server = spawnProcess(process.execPath, [NEXT_BIN, "start", BARE_DIR, "-p", String(port), "-H", "127.0.0.1"], {
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  });
  try {
    const url = `${localUrl(port)}/`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await firstLoadJs(url);
      } catch (error) {
        if (attempt > 300) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await server.stop();
    rmSync(BARE_DIR, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => round(bytes / KIB, 1);

async function main(): Promise<void> {
  let exchange: Running | undefined;
  let app: Running | undefined;
  let dashboard: Weight;
  try {
    exchange = await startExchange();
    app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url } });
    dashboard = await firstLoadJs(`${app.url}/`);
  } finally {
    await stopAll([app, exchange]);
  }
  // CI builds the app once; the bare build (a second `next build`) runs only in the full benchmark.
  const bare = values.smoke ? null : await bareAppWeight();
  report("page-weight", {
    dashboard: { jsGzipKiB: kib(dashboard.jsGzipBytes), jsKiB: kib(dashboard.jsBytes), htmlGzipKiB: kib(dashboard.htmlGzipBytes), scripts: dashboard.scripts },
    bare: bare && { jsGzipKiB: kib(bare.jsGzipBytes), jsKiB: kib(bare.jsBytes), htmlGzipKiB: kib(bare.htmlGzipBytes), scripts: bare.scripts },
    ratio: bare && round(dashboard.jsGzipBytes / bare.jsGzipBytes, 2),
    goalRatio: GOAL_RATIO,
  });
}

runBench(main);
