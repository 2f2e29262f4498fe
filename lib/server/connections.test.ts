import { afterEach, describe, expect, it, vi } from "vitest";
import { createDemoExchange, demoConnectionKey, startDemoExchangeServer, type DemoExchange, type DemoExchangeServer } from "@/lib/demo-exchange";
import { WHOLE_GROUP } from "@/lib/auth/scope";

const SIGN_IN = {
  SESSION_SECRET: "0123456789abcdef0123456789abcdef",
  DASHBOARD_USERS: `alice:scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`,
};
const LABELS = ["us-entity", "sg-entity"] as const;
const holder = globalThis as typeof globalThis & Record<"__serverRuntime" | "__accountLists" | "__treasuryKeyRolesByConnection", unknown>;

describe("several connections against two strict demo exchanges over HTTP", () => {
  const saved = { ...process.env };
  const servers: DemoExchangeServer[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    delete holder.__serverRuntime;
    delete holder.__accountLists;
    delete holder.__treasuryKeyRolesByConnection;
    process.env = { ...saved };
    vi.resetModules();
  });

  /** Each label its own exchange, which knows only its own key (demoConnectionKey) and checks every nonce. */
  async function twoConnections(): Promise<{ exchanges: Record<string, DemoExchange>; services: typeof import("@/lib/balances/service") }> {
    const exchanges: Record<string, DemoExchange> = {};
    const env: Record<string, string> = { ...SIGN_IN, GEMINI_CONNECTIONS: LABELS.join(","), BALANCES_CACHE_TTL_MS: "0", DEMO_HISTORY: "off" };
    for (const label of LABELS) {
      const exchange = createDemoExchange({ connection: label, latencyJitterMs: 3, drift: false });
      const server = await startDemoExchangeServer(exchange, 0, "127.0.0.1");
      servers.push(server);
      exchanges[label] = exchange;
      const suffix = label.toUpperCase().replace("-", "_");
      const { key, secret } = demoConnectionKey(label);
      Object.assign(env, { [`GEMINI_API_KEY_${suffix}`]: key, [`GEMINI_API_SECRET_${suffix}`]: secret, [`GEMINI_API_URL_${suffix}`]: server.url });
    }
    process.env = { ...saved, ...env };
    for (const name of ["GEMINI_API_KEY", "GEMINI_API_SECRET", "GEMINI_API_URL", "GEMINI_NONCE", "DEMO_EXCHANGE_URL", "DEMO_CONNECTIONS", "DEMO_ACCOUNTS", "REDIS_URL", "VERCEL"]) {
      delete process.env[name];
    }
    vi.resetModules();
    return { exchanges, services: await import("@/lib/balances/service") };
  }

  it("reads both groups at once, each key with its own nonce sequence: no nonce crosses keys, zero rejections", async () => {
    const { exchanges, services } = await twoConnections();
    const groups = await Promise.all(LABELS.map((label) => services.readAccounts(WHOLE_GROUP, label)));
    expect(groups.map((group) => group.accounts[0]?.account)).toEqual(["us-entity-primary", "sg-entity-primary"]);
    // The default connection is the first listed.
    expect((await services.readAccounts(WHOLE_GROUP)).accounts).toEqual(groups[0]!.accounts);

    const reads = LABELS.flatMap((label) =>
      ["primary", "treasury", "payroll"].flatMap((account) =>
        [false, true].map((pending) => services.readBalances({ connection: label, account: `${label}-${account}`, pending }, WHOLE_GROUP)),
      ),
    );
    const answers = await Promise.all([...reads, ...reads.map(() => services.readBalances({ connection: "sg-entity", account: "sg-entity-treasury", pending: false }, WHOLE_GROUP))]);
    expect(answers.every((answer) => answer.balances.length > 0)).toBe(true);

    for (const label of LABELS) {
      const requests = exchanges[label]!.requests();
      expect(requests.length).toBeGreaterThan(12);
      // Each exchange knows only its own key: a call signed with the other key, or a nonce not above
      // that key's last, would be rejected here (InvalidSignature, InvalidNonce).
      expect(requests.filter((request) => request.outcome !== "ok")).toEqual([]);
      expect(new Set(requests.map((request) => request.apiKey))).toEqual(new Set([demoConnectionKey(label).key]));
      const nonces = requests.map((request) => BigInt(request.nonce!));
      expect(nonces.every((nonce, index) => index === 0 || nonce > nonces[index - 1]!)).toBe(true);
    }
  });

  it("answers an unknown connection with 400 unknown_connection and asks neither exchange", async () => {
    const { exchanges, services } = await twoConnections();
    await expect(services.readBalances({ connection: "eu-entity", account: "primary", pending: false }, WHOLE_GROUP)).rejects.toMatchObject({
      code: "unknown_connection",
      status: 400,
      message: expect.stringContaining("us-entity, sg-entity"),
    });
    await expect(services.readAccounts(WHOLE_GROUP, "eu-entity")).rejects.toMatchObject({ code: "unknown_connection" });
    expect(LABELS.map((label) => exchanges[label]!.requests().length)).toEqual([0, 0]);
  });

  it("keeps each connection's group to itself: another connection's account is not found there", async () => {
    const { exchanges, services } = await twoConnections();
    await expect(services.readBalances({ connection: "us-entity", account: "sg-entity-primary", pending: false }, WHOLE_GROUP)).rejects.toMatchObject({
      code: "account_not_found",
    });
    expect(exchanges["sg-entity"]!.requests()).toEqual([]);
  });
});
