import "server-only";

import Big from "big.js";
import { isLosslessNumber, LosslessNumber } from "lossless-json";
import { nanosToIso } from "./clock";
import {
  CURRENCIES,
  MASTER_COUNTERPARTY_ID,
  NOTIONAL_CURRENCIES,
  NOTIONAL_DECIMALS,
  type AccountSpec,
  type NotionalCurrency,
  type SeedStaking,
} from "./data";
import { fromUnits, toUnits } from "./decimal";
import type { Balance, Ledger } from "./ledger";
import { geminiError, type GeminiError } from "./responses";
import type { Verified } from "./verify";

export interface Roles {
  readonly isAuditor: boolean;
  readonly isFundManager: boolean;
  readonly isTrader: boolean;
}

export type Route =
  | { readonly kind: "balances" }
  | { readonly kind: "account-list" }
  | { readonly kind: "roles" }
  | { readonly kind: "staking" }
  | { readonly kind: "notional"; readonly currency: NotionalCurrency };

/** Gemini's public market data: unsigned GETs. */
export const PRICEFEED_PATH = "/v1/pricefeed";

/** Gemini caps /v1/account/list at 500 accounts per call. */
const MAX_LIST_ACCOUNTS = 500;

/** Exact paths only: Gemini is case-sensitive and answers anything else with an empty 404. */
export function matchRoute(path: string): Route | null {
  if (path === "/v1/balances") return { kind: "balances" };
  if (path === "/v1/account/list") return { kind: "account-list" };
  if (path === "/v1/roles") return { kind: "roles" };
  if (path === "/v1/balances/staking") return { kind: "staking" };
  const notional = /^\/v1\/notionalbalances\/([a-z]+)$/.exec(path)?.[1];
  const currency = NOTIONAL_CURRENCIES.find((code) => code === notional);
  return currency ? { kind: "notional", currency } : null;
}

export interface EndpointContext {
  readonly ledger: Ledger;
  /** The group's accounts, in the order /v1/account/list gives them. */
  readonly accounts: readonly AccountSpec[];
  readonly roles: Roles;
  /** Staked balances by account; an account not listed answers the staking call with an error. */
  readonly staking: Readonly<Record<string, readonly SeedStaking[]>>;
  readonly numberStyle: "string" | "number";
  readonly timestampStyle: "nanos" | "iso";
  /** Next `_timestamp` in nanoseconds; called once per response. */
  readonly nextTimestamp: () => bigint;
}

export type EndpointResult = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: GeminiError };

export function runEndpoint(route: Route, call: Verified, context: EndpointContext): EndpointResult {
  switch (route.kind) {
    case "balances":
      return balances(call, context);
    case "notional":
      return notional(route.currency, call, context);
    case "account-list":
      return accountList(call, context.accounts);
    case "roles":
      return { ok: true, body: rolesBody(call, context.roles) };
    case "staking":
      return staking(call, context);
  }
}

/** Seed staking is static: staked amounts do not drift, so a test can name them exactly. */
function staking(call: Verified, context: EndpointContext): EndpointResult {
  const account = resolveAccount(call, context.roles, context.accounts);
  if (!account.ok) return account;
  const rows = context.staking[account.spec.account];
  if (!rows) return fail(geminiError(400, "StakingNotSupported", `Staking is not available for account '${account.spec.account}'`));
  const decimal = (text: string): string | LosslessNumber => (context.numberStyle === "number" ? new LosslessNumber(text) : text);
  const body = rows.map((row) => {
    const total = Object.values(row.providers).reduce((sum, amount) => sum + toUnits(amount), 0n);
    return {
      type: "Staking",
      currency: row.currency,
      balance: decimal(fromUnits(total, 0)),
      available: decimal(row.available),
      availableForWithdrawal: decimal(row.availableForWithdrawal),
      balanceByProvider: Object.fromEntries(Object.entries(row.providers).map(([provider, amount]) => [provider, { balance: decimal(amount) }])),
    };
  });
  return { ok: true, body };
}

/** Digits of a pricefeed price in a quote other than USD (derived from the USD reference prices). */
const CROSS_PRICE_DECIMALS = 8;

/** GET /v1/pricefeed: every crypto currency against every fiat one, from the reference prices. */
export function pricefeedBody(): unknown {
  const Decimal = Big();
  Decimal.DP = 40;
  const crypto = Object.entries(CURRENCIES).filter(([, spec]) => spec.kind === "crypto");
  return crypto.flatMap(([code, spec]) =>
    NOTIONAL_CURRENCIES.map((fiat) => {
      const quote = toCurrencyCode(fiat);
      const price = quote === "USD" ? spec.usdPrice : new Decimal(spec.usdPrice).div(CURRENCIES[quote].usdPrice).round(CROSS_PRICE_DECIMALS, Big.roundHalfUp).toFixed(CROSS_PRICE_DECIMALS);
      return { pair: `${code}${quote}`, price, percentChange24h: "0.0000" };
    }),
  );
}

function balances(call: Verified, context: EndpointContext): EndpointResult {
  const account = resolveAccount(call, context.roles, context.accounts);
  if (!account.ok) return account;
  const pending = call.payload.showPendingBalances;
  if (pending !== undefined && typeof pending !== "boolean") {
    return fail(geminiError(400, "InvalidJson", "showPendingBalances must be a boolean"));
  }
  if (account.spec.status === "open") context.ledger.drift(account.spec.account);
  const timestamp = formatTimestamp(context.nextTimestamp(), context.timestampStyle);
  const amountValue = (balance: Balance, units: bigint): string | LosslessNumber => {
    const text = fromUnits(units, CURRENCIES[balance.currency].minDecimals);
    return context.numberStyle === "number" ? new LosslessNumber(text) : text;
  };
  const body = context.ledger.balances(account.spec.account).map((balance) => ({
    type: "exchange",
    currency: balance.currency,
    amount: amountValue(balance, balance.amount),
    available: amountValue(balance, balance.available),
    availableForWithdrawal: amountValue(balance, balance.availableForWithdrawal),
    ...(pending === true
      ? { pendingWithdrawal: amountValue(balance, balance.pendingWithdrawal), pendingDeposit: amountValue(balance, balance.pendingDeposit) }
      : {}),
    _timestamp: timestamp,
  }));
  return { ok: true, body };
}

function notional(target: NotionalCurrency, call: Verified, context: EndpointContext): EndpointResult {
  const account = resolveAccount(call, context.roles, context.accounts);
  if (!account.ok) return account;
  if (account.spec.status === "open") context.ledger.drift(account.spec.account);
  const Decimal = Big();
  Decimal.DP = 40;
  const targetPrice = new Decimal(CURRENCIES[toCurrencyCode(target)].usdPrice);
  const toNotional = (units: bigint, price: Big): string =>
    new Decimal(fromUnits(units, 0)).times(price).div(targetPrice).round(NOTIONAL_DECIMALS, Big.roundHalfUp).toFixed(NOTIONAL_DECIMALS);
  const body = context.ledger.balances(account.spec.account).map((balance) => {
    const spec = CURRENCIES[balance.currency];
    const price = new Decimal(spec.usdPrice);
    return {
      currency: balance.currency,
      amount: fromUnits(balance.amount, spec.minDecimals),
      amountNotional: toNotional(balance.amount, price),
      available: fromUnits(balance.available, spec.minDecimals),
      availableNotional: toNotional(balance.available, price),
      availableForWithdrawal: fromUnits(balance.availableForWithdrawal, spec.minDecimals),
      availableForWithdrawalNotional: toNotional(balance.availableForWithdrawal, price),
    };
  });
  return { ok: true, body };
}

function accountList(call: Verified, accounts: readonly AccountSpec[]): EndpointResult {
  if (call.key.kind !== "master") {
    return fail(geminiError(400, "MasterKeyRequired", `This endpoint requires a Master API key; '${call.key.key}' is an account-scoped key`));
  }
  const limitValue = call.payload.limit_accounts;
  let limit = MAX_LIST_ACCOUNTS;
  if (limitValue !== undefined) {
    const text = isLosslessNumber(limitValue) ? limitValue.value : typeof limitValue === "string" ? limitValue : "";
    const parsed = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(parsed >= 1 && parsed <= MAX_LIST_ACCOUNTS)) {
      return fail(geminiError(400, "InvalidJson", `limit_accounts must be an integer from 1 to ${MAX_LIST_ACCOUNTS}`));
    }
    limit = parsed;
  }
  const after = createdAfter(call.payload.timestamp);
  if (after === "invalid") return fail(geminiError(400, "InvalidJson", "timestamp must be a whole number of seconds or milliseconds"));
  // Oldest first, then by id, as paging by `timestamp` needs; the list itself may be in any order.
  const listed = accounts
    .filter((account) => after === null || account.created > after)
    .sort((a, b) => a.created - b.created || a.account.localeCompare(b.account))
    .slice(0, limit);
  const body = listed.map((account) => ({
    name: account.name,
    account: account.account,
    type: account.type,
    counterparty_id: account.counterpartyId,
    created: new LosslessNumber(account.created.toString()),
    status: account.status,
  }));
  return { ok: true, body };
}

/** Below this a `timestamp` is in seconds (Gemini takes either; milliseconds recommended). */
const MILLISECOND_TIMESTAMPS_FROM = 10_000_000_000;

/** `timestamp`: only accounts created strictly after it; null when absent. */
function createdAfter(value: unknown): number | null | "invalid" {
  if (value === undefined) return null;
  const text = isLosslessNumber(value) ? value.value : typeof value === "string" ? value : "";
  if (!/^\d{1,15}$/.test(text)) return "invalid";
  const parsed = Number(text);
  return parsed < MILLISECOND_TIMESTAMPS_FROM ? parsed * 1000 : parsed;
}

function rolesBody(call: Verified, roles: Roles): Record<string, unknown> {
  const base = { isAuditor: roles.isAuditor, isFundManager: roles.isFundManager, isTrader: roles.isTrader };
  return call.key.kind === "master" ? { ...base, counterparty_id: MASTER_COUNTERPARTY_ID, isAccountAdmin: false } : base;
}

type AccountResolution = { readonly ok: true; readonly spec: AccountSpec } | { readonly ok: false; readonly error: GeminiError };

/** Role first, then which account: a master key must name one, an account key is bound to its own. */
function resolveAccount(call: Verified, roles: Roles, accounts: readonly AccountSpec[]): AccountResolution {
  if (!roles.isAuditor && !roles.isFundManager && !roles.isTrader) return fail(missingRole(call.key.key, roles));
  const requested = call.payload.account;
  if (call.key.kind === "master" && requested === undefined) {
    return fail(geminiError(400, "MissingAccounts", "A Master API key must specify the account, e.g. \"account\": \"primary\", in the payload"));
  }
  if (requested !== undefined && typeof requested !== "string") {
    return fail(geminiError(400, "InvalidAccountName", "The account name must be a string"));
  }
  const name = call.key.boundAccount ?? requested;
  if (call.key.boundAccount !== null && requested !== undefined && requested !== call.key.boundAccount) {
    return fail(geminiError(400, "InvalidAccountName", `This API key is bound to account '${call.key.boundAccount}', not '${requested}'`));
  }
  const spec = accounts.find((account) => account.account === name);
  if (!spec) return fail(geminiError(400, "InvalidAccountName", `Account name '${String(name)}' does not exist in this group`));
  return { ok: true, spec };
}

export function missingRole(apiKey: string, roles: Roles): GeminiError {
  const held = [roles.isAuditor && "Auditor", roles.isFundManager && "FundManager", roles.isTrader && "Trader"].filter(Boolean).join(", ");
  return geminiError(
    403,
    "MissingRole",
    `To access this endpoint, you need to log in to the website and go to the settings page to assign one of these roles [Auditor, FundManager, Trader] to API key ${apiKey} which currently has roles [${held}]`,
  );
}

function formatTimestamp(nanos: bigint, style: "nanos" | "iso"): LosslessNumber | string {
  return style === "iso" ? nanosToIso(nanos) : new LosslessNumber(nanos.toString());
}

function toCurrencyCode(code: NotionalCurrency): "USD" | "EUR" | "GBP" | "SGD" {
  const upper = { usd: "USD", eur: "EUR", gbp: "GBP", sgd: "SGD" } as const;
  return upper[code];
}

function fail(error: GeminiError): { readonly ok: false; readonly error: GeminiError } {
  return { ok: false, error };
}
