import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./destination-url";

/** How much of a receiver's answer is kept (for the delivery log); the rest is not read. */
export const RESPONSE_SNIPPET_BYTES = 512;

export interface OutgoingRequest {
  url: URL;
  /** The checked address to connect to: DNS is not asked again. */
  address: ResolvedAddress;
  headers: Readonly<Record<string, string>>;
  body: string;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  /** Retry-After as the receiver sent it. */
  retryAfter: string | null;
  bodySnippet: string;
}

/** One POST; a network failure or timeout rejects. Tests inject their own. */
export type Transport = (request: OutgoingRequest) => Promise<TransportResponse>;

/**
 * node:http(s) with the connection pinned to the address that was checked (a `lookup` that answers
 * with it), so a DNS answer that changes after the check (rebinding) is never connected to. TLS
 * still verifies the certificate against the URL's host name. Redirects are not followed (Node's
 * client never does); no connection is reused across destinations (agent: false).
 */
export const pinnedTransport: Transport = ({ url, address, headers, body, timeoutMs }) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: address.address, family: address.family }]);
      else callback(null, address.address, address.family);
    };
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        agent: false,
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () => {
          const retryAfter = response.headers["retry-after"];
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: typeof retryAfter === "string" ? retryAfter : null,
            bodySnippet: Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES).toString("utf8"),
          });
        };
        response.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_SNIPPET_BYTES) chunks.push(chunk);
          kept += chunk.byteLength;
          // Enough to judge the answer: stop reading an endless body.
          if (kept >= RESPONSE_SNIPPET_BYTES) {
            response.destroy();
            finish();
          }
        });
        response.on("end", finish);
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
