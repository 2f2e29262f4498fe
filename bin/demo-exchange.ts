import { parseArgs } from "node:util";
import { createDemoExchange, extraAccountsFor, FAULT_KINDS, startDemoExchangeServer, type DemoExchangeOptions } from "@/lib/demo-exchange";

const USAGE = `Usage: npm run demo-exchange -- [options]

  --port <n>              port to listen on (default 4100; 0 picks a free one)
  --host <addr>           address to bind (default 127.0.0.1)
  --latency-ms <n>        delay before each private call is processed (default 0)
  --jitter-ms <n>         extra random delay 0..n per call, lets concurrent calls reorder (default 0)
  --number-style <s>      string | number: balance amounts as JSON strings or raw numbers (default string)
  --timestamp-style <s>   nanos | iso: _timestamp format (default nanos)
  --roles <list>          comma list of auditor,trader,fund-manager, or "none" (default auditor)
  --seed <n>              deterministic balance drift
  --no-drift              keep balances at their seed values
  --extra-accounts <n>    add n open exchange accounts (desk-001...) to the group, for large-group sweeps (default 0)
  --accounts <n>          a group of n accounts in all (the five named ones and desks), as DEMO_ACCOUNTS does
  --connection <label>    a further demo group for a second demo connection: master key master-demo-<label>, accounts <label>-primary...
  --calls-per-second <n>  refuse (429 RateLimit, at once) a key's calls beyond n a second, a bucket of n (default: no limit)
  --fault <kind>          start with this fault active until cleared (${FAULT_KINDS.join(", ")})
  --help
`;

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4100" },
      host: { type: "string", default: "127.0.0.1" },
      "latency-ms": { type: "string", default: "0" },
      "jitter-ms": { type: "string", default: "0" },
      "number-style": { type: "string", default: "string" },
      "timestamp-style": { type: "string", default: "nanos" },
      roles: { type: "string", default: "auditor" },
      seed: { type: "string" },
      "no-drift": { type: "boolean", default: false },
      "extra-accounts": { type: "string", default: "0" },
      accounts: { type: "string" },
      fault: { type: "string" },
      connection: { type: "string" },
      "calls-per-second": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }

  const options: DemoExchangeOptions = {
    latencyMs: integer("--latency-ms", values["latency-ms"]),
    latencyJitterMs: integer("--jitter-ms", values["jitter-ms"]),
    numberStyle: oneOf("--number-style", values["number-style"], ["string", "number"] as const),
    timestampStyle: oneOf("--timestamp-style", values["timestamp-style"], ["nanos", "iso"] as const),
    roles: parseRoles(values.roles),
    drift: !values["no-drift"],
    extraAccounts:
      values.accounts === undefined ? integer("--extra-accounts", values["extra-accounts"]) : extraAccountsFor(integer("--accounts", values.accounts)),
    ...(values.seed === undefined ? {} : { seed: integer("--seed", values.seed) }),
    ...(values.connection === undefined ? {} : { connection: values.connection }),
    ...(values["calls-per-second"] === undefined ? {} : { callsPerSecond: positive("--calls-per-second", values["calls-per-second"]) }),
  };
  const exchange = createDemoExchange(options);
  if (values.fault !== undefined) {
    const kind = oneOf("--fault", values.fault, FAULT_KINDS);
    exchange.setFaults({ kind });
  }

  void startDemoExchangeServer(exchange, integer("--port", values.port), values.host).then(
    (server) => {
      console.log(`Demo exchange listening on ${server.url}`);
      const shutdown = (): void => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    },
    (error: unknown) => fail(`could not listen: ${error instanceof Error ? error.message : String(error)}`),
  );
}

function integer(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) fail(`${flag} must be a non-negative integer, got '${text}'`);
  return Number(text);
}

function positive(flag: string, text: string): number {
  const value = integer(flag, text);
  if (value === 0) fail(`${flag} must be at least 1, got '${text}'`);
  return value;
}

function oneOf<const T extends readonly string[]>(flag: string, text: string, allowed: T): T[number] {
  const match = allowed.find((candidate) => candidate === text);
  if (match === undefined) fail(`${flag} must be one of ${allowed.join(", ")}, got '${text}'`);
  return match;
}

function parseRoles(text: string): NonNullable<DemoExchangeOptions["roles"]> {
  const names = text === "none" ? [] : text.split(",").map((name) => name.trim());
  for (const name of names) oneOf("--roles", name, ["auditor", "trader", "fund-manager"] as const);
  return { isAuditor: names.includes("auditor"), isTrader: names.includes("trader"), isFundManager: names.includes("fund-manager") };
}

function fail(message: string): never {
  process.stderr.write(`demo-exchange: ${message}\n\n${USAGE}`);
  process.exit(2);
}

main();
