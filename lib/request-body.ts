/** A request body longer than its route allows: the stream was cancelled at the limit, unread beyond it. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads a request body chunk by chunk and stops at `limitBytes`: a chunked or endless body, or one
 * whose Content-Length understates it, never holds more than the limit (plus one chunk) in memory.
 * A declared Content-Length over the limit is refused before anything is read.
 */
export async function readBodyLimited(request: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const body = request.body;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limitBytes) {
    await body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limitBytes);
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
