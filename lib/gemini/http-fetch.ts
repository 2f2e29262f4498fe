import "server-only";
import http from "node:http";
import https from "node:https";
import type { FetchLike } from "@/lib/gemini/client";

/**
 * The transport to Gemini: node:http(s) on keep-alive connections instead of the global fetch.
 * Measured (docs/benchmarks.md, proxy overhead): the global fetch in a Next route goes through
 * Next's fetch instrumentation and undici's web streams, which cost more CPU per call than the
 * whole rest of the proxy. Same contract as fetch for what the client uses: status, headers,
 * text body, AbortSignal; a network failure or a cut-off body rejects.
 */
/** Sent when the caller sets none: fetch would send one, and API gateways may refuse requests without. */
export const USER_AGENT = "gemini-treasury-dashboard";

export function createHttpFetch(): FetchLike {
  const agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true }),
  };
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      // After an abort every failure is the abort, reported with the signal's reason (TimeoutError
      // for AbortSignal.timeout), whether it cut the connection, the headers or the body.
      const fail = (error: unknown): void => reject(init.signal?.aborted ? (init.signal.reason as unknown) : error);
      const target = new URL(url);
      const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
      const request = (target.protocol === "https:" ? https : http).request(
        target,
        { method: init.method ?? "GET", headers: toHeaderRecord(init.headers), agent, signal: init.signal ?? undefined },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("error", fail);
          incoming.on("aborted", () => fail(new Error("the connection closed before the body ended")));
          incoming.on("end", () => {
            if (!incoming.complete) {
              fail(new Error("the connection closed before the body ended"));
              return;
            }
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (Array.isArray(value)) for (const item of value) headers.append(name, item);
              else if (value !== undefined) headers.set(name, value);
            }
            const status = incoming.statusCode ?? 0;
            // A Response cannot carry a body with these statuses, and refuses any status outside 200-599.
            const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            try {
              resolve(new Response(body, { status, statusText: incoming.statusMessage, headers }));
            } catch (error) {
              fail(error);
            }
          });
        },
      );
      request.on("error", fail);
      if (typeof init.body === "string" && init.body.length > 0) request.write(init.body);
      request.end();
    });
}

function toHeaderRecord(headers: RequestInit["headers"]): Record<string, string> {
  const record: Record<string, string> = { "user-agent": USER_AGENT };
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
