/**
 * Request bodies are capped while they stream, before sign-in: a chunked body with no
 * Content-Length, or one whose Content-Length lies, is cut off with 413 (or refused by the HTTP
 * parser) long before its end. Measured in bytes the server took, not in its RSS, which moves with
 * garbage collection on a busy machine (the server's memory is bench/memory.ts's).
 */
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER } from "../testkit/sign-in";

const MIB = 1024 * 1024;
/** Far beyond any limit, and far beyond what the server may grow by. */
const BODY_BYTES = 64 * MIB;
const CHUNK_BYTES = 64 * 1024;
/** A quarter of the body: far more than the sockets' buffers between client and server hold, far less than reading it all. */
const MAX_PULLED_BYTES = BODY_BYTES / 4;

let exchange: Running | undefined;
let app: Running | undefined;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  exchange = await startExchange();
  app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ...signInEnv } });
});

test.afterAll(async () => {
  await stopAll([app, exchange]);
});

function server(): Running {
  if (!app) throw new Error("the app did not start");
  return app;
}

/** Streams up to BODY_BYTES with no Content-Length (chunked), counting what the server pulled. */
async function postChunked(path: string, headers: Record<string, string> = {}) {
  let pulled = 0;
  const chunk = new Uint8Array(CHUNK_BYTES).fill("x".charCodeAt(0));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= BODY_BYTES) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const response = await fetch(`${server().url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit).catch(() => null);
  const pulledWhenAnswered = pulled;
  await body.cancel().catch(() => undefined);
  // null: the server's close reset the connection (unread bytes) before the answer was read, a race of TCP.
  if (!response) return { answer: null, pulledWhenAnswered };
  return { answer: { status: response.status, json: (await response.json().catch(() => null)) as unknown }, pulledWhenAnswered };
}

async function sessionCookie(): Promise<string> {
  const response = await fetch(`${server().url}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": "192.0.2.201" },
    body: JSON.stringify(TEST_USER),
  });
  expect(response.status).toBe(200);
  return response.headers.getSetCookie()[0]!.split(";")[0]!;
}

for (const route of ["/api/auth/login", "/api/auth/logout"] as const) {
  test(`a ${BODY_BYTES / MIB} MiB chunked body to ${route} gets 413 early: the server stops reading long before its end`, async () => {
    const headers: Record<string, string> = route === "/api/auth/logout" ? { Cookie: await sessionCookie() } : {};
    const { answer, pulledWhenAnswered } = await postChunked(route, headers);

    // A server that read the body before answering would have pulled all of it; what is pulled
    // beyond the limit is what the sockets' buffers hold. (Memory is measured in bench/, not here.)
    expect(pulledWhenAnswered, `pulled ${(pulledWhenAnswered / MIB).toFixed(1)} MiB`).toBeLessThan(MAX_PULLED_BYTES);
    if (answer) {
      expect(answer.status).toBe(413);
      expect(answer.json).toMatchObject({ error: { code: "body_too_large" } });
    }
    // The cut-off connection leaves the server healthy.
    expect((await fetch(`${server().url}/api/health`)).status).toBe(200);
  });
}

/**
 * Raw HTTP: a small Content-Length, then BODY_BYTES more. Resolves once the server hangs up, with
 * its status line: empty when the server's close reset the connection (unread bytes) before the
 * client read the answer, a race of TCP, not of the server.
 */
function postLyingLength(port: number, path: string): Promise<{ statusLine: string; written: number }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    let received = "";
    let written = 0;
    const chunk = Buffer.alloc(CHUNK_BYTES, "x");
    const pump = () => {
      while (written < BODY_BYTES && !socket.destroyed) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
    };
    socket.on("connect", () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n`);
      pump();
    });
    socket.on("data", (data: Buffer) => (received += data.toString("latin1")));
    // Once the server has answered and hung up, writes fail: that is the point.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      resolve({ statusLine: received.split("\r\n")[0] ?? "", written });
    });
  });
}

test("a small Content-Length followed by tens of MiB more: the extra bytes are never taken as body", async () => {
  const { statusLine, written } = await postLyingLength(Number(new URL(server().url).port), "/api/auth/login");

  // The 16 declared bytes are not a sign-in; what follows is not a request either.
  if (statusLine) expect(statusLine).toMatch(/^HTTP\/1\.1 4\d\d /);
  // The server hung up long before the rest was sent: it never read it as a body or a request.
  expect(written, `wrote ${(written / MIB).toFixed(1)} MiB`).toBeLessThan(MAX_PULLED_BYTES);
  expect((await fetch(`${server().url}/api/health`)).status).toBe(200);
});
