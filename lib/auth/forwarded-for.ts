import "server-only";
import { Server, type IncomingMessage } from "node:http";

let installed = false;

/**
 * Without a trusted proxy, an X-Forwarded-For header is the client's own claim and would let it
 * pick its throttling bucket. Dropping it before Next sees the request makes Next fill in the
 * socket's address instead (base-server sets it only when absent).
 */
export function ignoreClientForwardedFor(): void {
  if (installed) return;
  installed = true;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") delete (args[0] as IncomingMessage).headers["x-forwarded-for"];
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof Server.prototype.emit;
}
