import "server-only";

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { BodyTooLargeError, readBodyLimited } from "../request-body";
import { CONTROL_PREFIX } from "./control";
import type { DemoExchange } from "./exchange";
import { DemoConnectionRefused } from "./faults";

/** Control bodies are a few hundred bytes of JSON; Gemini's private API sends none. */
const MAX_DEMO_BODY_BYTES = 64 * 1024;

export interface DemoExchangeServer {
  /** e.g. http://127.0.0.1:4100 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the exchange (and /__demo/*) over node:http; port 0 picks a free port. */
export async function startDemoExchangeServer(exchange: DemoExchange, port: number, host: string): Promise<DemoExchangeServer> {
  const server = createServer((incoming, outgoing) => {
    void serve(exchange, incoming, outgoing, host);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const printableHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${printableHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        exchange.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(exchange: DemoExchange, incoming: IncomingMessage, outgoing: ServerResponse, host: string): Promise<void> {
  // A client that gives up (abort, timeout) closes the socket: tell the exchange so a hung call ends.
  const aborter = new AbortController();
  outgoing.on("close", () => {
    if (!outgoing.writableFinished) aborter.abort(new Error("client closed the connection"));
  });
  try {
    const request = await toRequest(incoming, host, aborter.signal);
    const isControl = new URL(request.url).pathname.startsWith(CONTROL_PREFIX);
    const response = isControl ? await exchange.handleControl(request) : await exchange.handle(request);
    await writeResponse(response, outgoing);
  } catch (error) {
    if (error instanceof BodyTooLargeError && !outgoing.headersSent) {
      outgoing.writeHead(413, { "content-type": "application/json", connection: "close" });
      outgoing.end(JSON.stringify({ error: error.message }));
      return;
    }
    if (error instanceof DemoConnectionRefused || aborter.signal.aborted) {
      incoming.socket.destroy();
      return;
    }
    if (!outgoing.headersSent) {
      outgoing.writeHead(500, { "content-type": "application/json" });
      outgoing.end(JSON.stringify({ result: "error", reason: "System", message: "Demo exchange internal error" }));
    } else {
      outgoing.destroy();
    }
    console.error("demo exchange: unexpected error", error);
  }
}

async function toRequest(incoming: IncomingMessage, host: string, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = incoming.method ?? "GET";
  // Only the path matters to the exchange; the bind host keeps a hostile Host header out of URL parsing.
  const url = new URL(incoming.url ?? "/", `http://${host.includes(":") ? `[${host}]` : host}`);
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers, signal });
  const upload = new Request(url, { method, headers, body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
  const body = await readBodyLimited(upload, MAX_DEMO_BODY_BYTES);
  return new Request(url, { method, headers, body: body.byteLength > 0 ? body : undefined, signal });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers["content-length"] = String(body.length);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}
