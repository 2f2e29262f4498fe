import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { PAGE_PATH_HEADER } from "@/lib/next-path";
import { endWarmUpForVisitor, isWarmUpRequest, ownOrigin, warmUp } from "@/lib/server/warm-up";
import { WARM_UP_HEADER, WARM_UP_ROUNDS } from "@/lib/warm-up-pages";

/** What a page render sees: the request's headers plus the path proxy.ts records. */
function pageHeaders(request: IncomingMessage, path = request.url ?? ""): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  headers.set(PAGE_PATH_HEADER, path);
  return headers;
}

/** A server on a free port standing in for the dashboard: healthy, and it answers each page with `onPage`. */
async function listen(onPage: (request: IncomingMessage) => number): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    response.statusCode = request.url === "/api/health" ? 200 : onPage(request);
    response.end("<html></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

describe("the server's warm-up renders", () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it("carry a secret that holds only for them, only for the warm-up pages, and only while the warm-up runs", async () => {
    const seen: { token: string; own: boolean; forged: boolean; otherPage: boolean; bare: boolean }[] = [];
    const { origin, server } = await listen((request) => {
      const token = String(request.headers[WARM_UP_HEADER]);
      const forged = new Headers(pageHeaders(request));
      forged.set(WARM_UP_HEADER, "0".repeat(token.length));
      const bare = pageHeaders(request);
      bare.delete(WARM_UP_HEADER);
      seen.push({ token, own: isWarmUpRequest(pageHeaders(request)), forged: isWarmUpRequest(forged), otherPage: isWarmUpRequest(pageHeaders(request, "/audit")), bare: isWarmUpRequest(bare) });
      return 200;
    });
    servers.push(server);

    const result = await warmUp(origin);

    expect(result).toMatchObject({ renders: WARM_UP_ROUNDS, visitorFirst: false });
    expect(seen).toHaveLength(WARM_UP_ROUNDS);
    for (const request of seen) {
      expect(request.token).toMatch(/^[0-9a-f]{64}$/);
      expect(request).toMatchObject({ own: true, forged: false, otherPage: false, bare: false });
    }
    // Over: the very secret it used opens nothing.
    const after = new Headers({ [WARM_UP_HEADER]: seen[0]!.token, [PAGE_PATH_HEADER]: "/overview" });
    expect(isWarmUpRequest(after)).toBe(false);
  });

  it("each run makes a secret of its own", async () => {
    const tokens: string[] = [];
    const { origin, server } = await listen((request) => {
      tokens.push(String(request.headers[WARM_UP_HEADER]));
      return 200;
    });
    servers.push(server);
    await warmUp(origin);
    await warmUp(origin);
    expect(new Set(tokens).size).toBe(2);
  });

  it("stops when a person's page render comes first", async () => {
    const { origin, server } = await listen(() => {
      endWarmUpForVisitor();
      return 200;
    });
    servers.push(server);
    expect(await warmUp(origin)).toMatchObject({ renders: 1, visitorFirst: true });
  });

  it("fails on a page that does not render, and the secret is forgotten all the same", async () => {
    let token = "";
    const { origin, server } = await listen((request) => {
      token = String(request.headers[WARM_UP_HEADER]);
      return 307;
    });
    servers.push(server);
    await expect(warmUp(origin)).rejects.toThrow("/overview answered 307");
    expect(isWarmUpRequest(new Headers({ [WARM_UP_HEADER]: token, [PAGE_PATH_HEADER]: "/overview" }))).toBe(false);
  });

  it("finds the server where the standalone server listens", () => {
    expect(ownOrigin(3000, undefined)).toBe("http://127.0.0.1:3000");
    expect(ownOrigin(8080, "0.0.0.0")).toBe("http://127.0.0.1:8080");
    expect(ownOrigin(8080, "::")).toBe("http://[::1]:8080");
    expect(ownOrigin(8080, "10.0.0.5")).toBe("http://10.0.0.5:8080");
    expect(ownOrigin(8080, "fd00::5")).toBe("http://[fd00::5]:8080");
  });
});
