import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { AccountScope } from "@/lib/auth/scope";
import { getNotionalBalances, getPriceFeed, getRoles, REQUEST_BUDGET_MS, type PairPrice } from "@/lib/gemini";
import { connectionLabels, connectionOf, signsWithMasterKey } from "@/lib/server/exchange-key";
import { getGemini } from "@/lib/server/runtime";
import { readAccounts, readBalances, resolveAccount } from "@/lib/balances/service";
import { balancesCsv, csvFilename } from "@/lib/treasury/csv";
import { sumDecimals } from "@/lib/treasury/money";
import { consolidate, csvRows, valuationTotals } from "@/lib/treasury/overview";
import { overviewScope } from "@/lib/treasury/overview-model";
import { pricesIn, valuedStakedTotal, valueStaking } from "@/lib/treasury/staking";
import type {
  KeyRoles,
  OverviewAccount,
  OverviewResponse,
  ValuationCurrency,
  ValuationResponse,
} from "@/lib/treasury/types";

interface RolesCache {
  promise: Promise<KeyRoles>;
  value: KeyRoles | null;
}

// On globalThis: Next may load this module in more than one bundle (as lib/server/runtime.ts does).
// One entry per connection (by label): each key has roles of its own.
const holder = globalThis as typeof globalThis & { __treasuryKeyRolesByConnection?: Map<string, RolesCache> };
const rolesCaches = (): Map<string, RolesCache> => (holder.__treasuryKeyRolesByConnection ??= new Map());

/** A connection's key's roles (the default connection's when not named), asked of Gemini once per process (a key's roles do not change); a failure is not kept. */
export function readRoles(connection: string | null = null): Promise<KeyRoles> {
  const label = connectionOf(connection).connection.label;
  const caches = rolesCaches();
  let entry = caches.get(label);
  if (!entry) {
    const created: RolesCache = { promise: getRoles(getGemini(label)), value: null };
    caches.set(label, created);
    created.promise.then(
      (roles) => {
        created.value = roles;
        logRoles(label, roles);
      },
      () => {
        if (caches.get(label) === created) caches.delete(label);
      },
    );
    entry = created;
  }
  return entry.promise;
}

/** Once per process and key, when first learnt: operators see in the log that a key can do more than read. */
function logRoles(connection: string, roles: KeyRoles): void {
  console.log(JSON.stringify({ event: "key_roles", connection, ...roles }));
  if (roles.trader || roles.fundManager) {
    console.warn(
      JSON.stringify({
        event: "key_roles_warning",
        connection,
        message: `${connectionLabels().length > 1 ? `The API key of connection '${connection}'` : "This API key"} can trade or move funds; a read-only dashboard should use an Auditor key.`,
      }),
    );
  }
}

/** A connection's roles if already learnt, without asking Gemini (for /api/health). */
export function knownRoles(connection: string | null = null): KeyRoles | null {
  return rolesCaches().get(connectionOf(connection).connection.label)?.value ?? null;
}

/** How long one read of the public price feed values staked balances: every account and view shares it. */
export const PRICE_FEED_TTL_MS = 10_000;

const priceHolder = globalThis as typeof globalThis & { __priceFeed?: { promise: Promise<PairPrice[]>; fetchedAt: number } };

/** The price feed, read at most once per PRICE_FEED_TTL_MS; concurrent callers share one call, a failure is not kept. */
function priceFeed(): Promise<PairPrice[]> {
  const cached = priceHolder.__priceFeed;
  if (cached && Date.now() - cached.fetchedAt < PRICE_FEED_TTL_MS) return cached.promise;
  const promise = getPriceFeed(getGemini());
  priceHolder.__priceFeed = { promise, fetchedAt: Date.now() };
  promise.catch(() => {
    if (priceHolder.__priceFeed?.promise === promise) priceHolder.__priceFeed = undefined;
  });
  return promise;
}

/** Unit prices in `currency`, or null when the feed fails: staked amounts are then shown but not valued. */
export async function readPrices(currency: ValuationCurrency): Promise<Record<string, string> | null> {
  try {
    return pricesIn(await priceFeed(), currency);
  } catch {
    return null;
  }
}

export async function readValuation(
  query: {
    connection?: string | null;
    account: string | null;
    currency: ValuationCurrency;
  },
  scope: AccountScope,
): Promise<ValuationResponse> {
  const deadline = Date.now() + REQUEST_BUDGET_MS;
  const connection = query.connection ?? null;
  const account = await resolveAccount(query.account, deadline, scope, connection);
  const values = await getNotionalBalances(getGemini(connection), { account, currency: query.currency }, { deadline });
  const prices = await readPrices(query.currency);
  return { account, currency: query.currency.toUpperCase(), ...valuationTotals(values), values, prices };
}

/**
 * Every account of the group the overview covers (overviewScope, the rule the browser's view uses
 * too): balances (through readBalances, so its cache applies) and value. One account after another:
 * the key's calls queue behind one gate anyway, and a group never takes more than its share of the
 * rate budget at once. A scoped caller's overview, totals and consolidation cover their accounts only.
 * With several connections it spans each master key's group (each connection read at once, on its
 * own key's budget): every account names its connection, each connection has its subtotal.
 */
export async function readOverview(query: { currency: ValuationCurrency; pending: boolean }, accounts: AccountScope): Promise<OverviewResponse> {
  const masters = connectionLabels().filter((label) => signsWithMasterKey(label));
  if (masters.length === 0) {
    throw new ApiError(
      "master_key_required",
      "The overview covers the accounts of a master key's group; this key belongs to one account: use /api/valuation.",
    );
  }
  const several = connectionLabels().length > 1;
  const prices = await readPrices(query.currency);
  const parts = await Promise.all(masters.map((connection) => connectionOverview(connection, query, accounts, several, prices)));
  const included = parts.flatMap((part) => part.included);
  return {
    currency: query.currency.toUpperCase(),
    pending: query.pending,
    total: sumDecimals(included.map((entry) => entry.total)),
    stakedTotal: sumDecimals(included.map((entry) => entry.stakedTotal)),
    accounts: included,
    skipped: parts.flatMap((part) => part.skipped),
    consolidated: consolidate(included, query.pending),
    connections: masters.map((label, index) => ({
      label,
      accounts: parts[index]!.included.length,
      total: sumDecimals(parts[index]!.included.map((entry) => entry.total)),
    })),
  };
}

async function connectionOverview(
  connection: string,
  query: { currency: ValuationCurrency; pending: boolean },
  accounts: AccountScope,
  several: boolean,
  prices: Record<string, string> | null,
): Promise<{ included: OverviewAccount[]; skipped: OverviewResponse["skipped"] }> {
  const scope = overviewScope((await readAccounts(accounts, connection)).accounts);
  const included: OverviewAccount[] = [];
  for (const { account, name } of scope.included) {
    // readBalances carries the account's staking; an error there is this account's "no staking".
    const snapshot = await readBalances({ connection, account, pending: query.pending }, accounts);
    const values = await getNotionalBalances(getGemini(connection), { account, currency: query.currency });
    const staking = valueStaking(snapshot.staking, prices);
    const stakedTotal = valuedStakedTotal(staking);
    included.push({
      connection,
      account,
      name,
      timestamp: snapshot.timestamp,
      total: sumDecimals([valuationTotals(values).total, stakedTotal]),
      stakedTotal,
      balances: snapshot.balances,
      values,
      staking,
    });
  }
  return { included, skipped: several ? scope.skipped.map((skipped) => ({ ...skipped, connection })) : scope.skipped };
}

/** One account's balances as CSV, with a value column when a valuation currency is asked for. */
export async function readBalancesCsv(
  query: {
    connection?: string | null;
    account: string | null;
    pending: boolean;
    currency: ValuationCurrency | null;
  },
  scope: AccountScope,
): Promise<{ csv: string; filename: string }> {
  const connection = query.connection ?? null;
  const snapshot = await readBalances({ connection, account: query.account, pending: query.pending }, scope);
  const values = query.currency
    ? await getNotionalBalances(getGemini(connection), { account: snapshot.account, currency: query.currency })
    : undefined;
  const prices = query.currency ? await readPrices(query.currency) : null;
  const csv = balancesCsv(csvRows(snapshot.account, snapshot, values, valueStaking(snapshot.staking, prices)), {
    pending: query.pending,
    valuationCurrency: query.currency ? query.currency.toUpperCase() : null,
    staking: true,
  });
  return { csv, filename: csvFilename(snapshot.account, new Date()) };
}
