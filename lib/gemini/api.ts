import "server-only";
import { z } from "zod";
import type { GeminiCaller, GeminiPublicCaller } from "@/lib/gemini/client";
import { GeminiError } from "@/lib/gemini/errors";
import { exactDecimal, exactTimestamp, exactWholeNumber, wholeNumberParam } from "@/lib/gemini/lossless";
import type { Account, Balance, BalancesReply, KeyRoles, NotionalBalance, PairPrice, Staking, StakingBalance } from "@/lib/gemini/types";

const CURRENCY_CODE = /^[A-Za-z0-9]{1,20}$/;

const balanceEntry = z.object({
  type: z.string().min(1),
  currency: z.string().regex(CURRENCY_CODE),
  amount: exactDecimal,
  available: exactDecimal,
  availableForWithdrawal: exactDecimal,
  pendingDeposit: exactDecimal.optional(),
  pendingWithdrawal: exactDecimal.optional(),
  _timestamp: exactTimestamp.optional(),
});

const accountEntry = z.object({
  account: z.string().min(1),
  name: z.string(),
  type: z.enum(["exchange", "custody"]),
  status: z.enum(["open", "closed"]),
  /** Milliseconds; what the list is ordered and paged by. */
  created: exactWholeNumber.optional(),
});

function validate<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new GeminiError("invalid_response", { status: 200 });
  return result.data;
}

function reshapeBalance(entry: z.infer<typeof balanceEntry>): Balance {
  const balance: Balance = {
    type: entry.type,
    currency: entry.currency.toUpperCase(),
    amount: entry.amount,
    available: entry.available,
    availableForWithdrawal: entry.availableForWithdrawal,
  };
  if (entry.pendingDeposit !== undefined) balance.pendingDeposit = entry.pendingDeposit;
  if (entry.pendingWithdrawal !== undefined) balance.pendingWithdrawal = entry.pendingWithdrawal;
  return balance;
}

function reshapeBalances(entries: z.infer<typeof balanceEntry>[]): BalancesReply {
  return {
    balances: entries.map(reshapeBalance),
    timestamps: entries.flatMap((entry) => (entry._timestamp ? [entry._timestamp] : [])),
  };
}

/** POST /v1/balances. `account` is required for master keys and must be omitted otherwise. */
export async function getBalances(
  client: GeminiCaller,
  { account, pending }: { account: string | null; pending: boolean },
  { deadline }: { deadline?: number } = {},
): Promise<BalancesReply> {
  const params: Record<string, unknown> = {};
  if (account !== null) params.account = account;
  if (pending) params.showPendingBalances = true;
  return reshapeBalances(validate(z.array(balanceEntry), await client.post("/v1/balances", params, { read: true, deadline })));
}

/** Gemini's maximum page of POST /v1/account/list. */
export const ACCOUNT_LIST_LIMIT = 500;
/** 200,000 accounts: far past any group, it only stops a list that never ends. */
export const MAX_ACCOUNT_LIST_PAGES = 400;

// Only the fields the dashboard uses: Gemini's others (counterparty_id, created) stay behind.
function reshapeAccount({ account, name, type, status }: z.infer<typeof accountEntry>): Account {
  return { account, name, type, status };
}

/** The next page starts from a full page's newest `created`; null when the page cannot be paged on exactly. */
function nextPageFrom(page: readonly z.infer<typeof accountEntry>[]): bigint | null {
  let previous = -1n;
  for (const entry of page) {
    if (entry.created === undefined) return null;
    const created = BigInt(entry.created);
    if (created < previous) return null;
    previous = created;
  }
  return previous;
}

/**
 * POST /v1/account/list (master keys only), every page. Gemini gives at most 500 accounts a call,
 * oldest first, and `timestamp` asks for those created after it. The next page asks from one
 * millisecond before the last page's newest account, whether Gemini counts "after" inclusively
 * or not: accounts created in that millisecond that did not fit come back (with some already
 * seen, dropped by id), so a page boundary inside one millisecond neither loses nor repeats one.
 * A full page that cannot be paged on exactly (no `created`, not oldest first, nothing new) fails
 * the list rather than returning part of the group.
 */
export async function listAccounts(client: GeminiCaller, { deadline }: { deadline?: number } = {}): Promise<Account[]> {
  const accounts: Account[] = [];
  const seen = new Set<string>();
  let from: bigint | null = null;
  for (let page = 0; page < MAX_ACCOUNT_LIST_PAGES; page += 1) {
    const params: Record<string, unknown> = { limit_accounts: ACCOUNT_LIST_LIMIT };
    if (from !== null) params.timestamp = wholeNumberParam(from > 0n ? from - 1n : 0n);
    const entries = validate(z.array(accountEntry), await client.post("/v1/account/list", params, { read: true, deadline }));
    const fresh = entries.filter((entry) => !seen.has(entry.account));
    for (const entry of fresh) {
      seen.add(entry.account);
      accounts.push(reshapeAccount(entry));
    }
    if (entries.length < ACCOUNT_LIST_LIMIT) return accounts;
    const next = nextPageFrom(entries);
    if (next === null || (from !== null && fresh.length === 0)) {
      throw new GeminiError("invalid_response", { status: 200, upstreamMessage: "Gemini's account list could not be paged past 500 accounts exactly" });
    }
    from = next;
  }
  throw new GeminiError("invalid_response", { status: 200, upstreamMessage: `Gemini's account list did not end within ${MAX_ACCOUNT_LIST_PAGES} pages` });
}

const notionalEntry = z.object({
  currency: z.string().regex(CURRENCY_CODE),
  amount: exactDecimal,
  amountNotional: exactDecimal,
  available: exactDecimal,
  availableNotional: exactDecimal,
  availableForWithdrawal: exactDecimal,
  availableForWithdrawalNotional: exactDecimal,
});

function reshapeNotionalBalance(entry: z.infer<typeof notionalEntry>): NotionalBalance {
  return { ...entry, currency: entry.currency.toUpperCase() };
}

/** A fiat currency as Gemini's path spells it: three lower-case letters ("usd"). */
const NOTIONAL_CURRENCY = /^[a-z]{3}$/;

/**
 * POST /v1/notionalbalances/{currency}: each balance with its value in a fiat currency, as Gemini
 * prices it. The currency goes into the URL path, so nothing but a currency code ever reaches it
 * (which currencies the dashboard offers is lib/treasury's VALUATION_CURRENCIES).
 */
export async function getNotionalBalances(
  client: GeminiCaller,
  { account, currency }: { account: string | null; currency: string },
  { deadline }: { deadline?: number } = {},
): Promise<NotionalBalance[]> {
  if (!NOTIONAL_CURRENCY.test(currency)) throw new TypeError(`Not a currency code: ${JSON.stringify(currency)}`);
  const params: Record<string, unknown> = {};
  if (account !== null) params.account = account;
  const entries = validate(z.array(notionalEntry), await client.post(`/v1/notionalbalances/${currency}`, params, { read: true, deadline }));
  return entries.map(reshapeNotionalBalance);
}

const rolesBody = z.object({ isAuditor: z.boolean(), isFundManager: z.boolean(), isTrader: z.boolean() });

function reshapeRoles(roles: z.infer<typeof rolesBody>): KeyRoles {
  return { auditor: roles.isAuditor, trader: roles.isTrader, fundManager: roles.isFundManager };
}

/** POST /v1/roles: which of the balance roles the key holds. */
export async function getRoles(client: GeminiCaller, { deadline }: { deadline?: number } = {}): Promise<KeyRoles> {
  return reshapeRoles(validate(rolesBody, await client.post("/v1/roles", {}, { read: true, deadline })));
}


const stakingEntry = z.object({
  currency: z.string().regex(CURRENCY_CODE),
  balance: exactDecimal,
  available: exactDecimal,
  availableForWithdrawal: exactDecimal,
  // Gemini keys providers by an opaque id; absent means no breakdown was sent.
  balanceByProvider: z.record(z.string().min(1), z.object({ balance: exactDecimal })).optional(),
});

function reshapeStakingBalance(entry: z.infer<typeof stakingEntry>): StakingBalance {
  return {
    currency: entry.currency.toUpperCase(),
    balance: entry.balance,
    available: entry.available,
    availableForWithdrawal: entry.availableForWithdrawal,
    providers: Object.entries(entry.balanceByProvider ?? {}).map(([provider, { balance }]) => ({ provider, balance })),
  };
}

/** POST /v1/balances/staking: staked balances, apart from the exchange balances. `account` for master keys. */
export async function getStakingBalances(
  client: GeminiCaller,
  { account }: { account: string | null },
  { deadline }: { deadline?: number } = {},
): Promise<StakingBalance[]> {
  const params: Record<string, unknown> = {};
  if (account !== null) params.account = account;
  const entries = validate(z.array(stakingEntry), await client.post("/v1/balances/staking", params, { read: true, deadline }));
  return entries.map(reshapeStakingBalance);
}

/**
 * An account's staking, never a failure: a key without the endpoint or the permission (403, 404)
 * is `not_permitted`, any other Gemini error for this account `unavailable`. Anything else (a
 * coordination failure) is not Gemini's answer and is thrown.
 */
export async function readStaking(
  client: GeminiCaller,
  query: { account: string | null },
  options: { deadline?: number } = {},
): Promise<Staking> {
  try {
    return { state: "staked", balances: await getStakingBalances(client, query, options) };
  } catch (error) {
    if (!(error instanceof GeminiError)) throw error;
    const denied = error.kind === "missing_role" || error.kind === "not_found";
    return { state: "none", reason: denied ? "not_permitted" : "unavailable" };
  }
}

const priceEntry = z.object({ pair: z.string().regex(/^[A-Za-z0-9]{2,40}$/), price: exactDecimal });

/** GET /v1/pricefeed (public): the last price of every pair Gemini trades. */
export async function getPriceFeed(client: GeminiPublicCaller): Promise<PairPrice[]> {
  // Gemini sends other fields (percentChange24h) too; only the price is kept.
  return validate(z.array(priceEntry), await client.getPublic("/v1/pricefeed")).map(({ pair, price }) => ({ pair: pair.toUpperCase(), price }));
}
