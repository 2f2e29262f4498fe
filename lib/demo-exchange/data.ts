import "server-only";

import { MAX_DEMO_ACCOUNTS } from "@/lib/config/demo-accounts";
import { createRandom } from "./random";

/** Static demo world: the master group, its accounts, seed balances and reference prices. */

export interface CurrencySpec {
  readonly kind: "fiat" | "crypto";
  /** Decimals always shown (Gemini shows "15000.00", "5.0"). */
  readonly minDecimals: number;
  /** Size of one drift step, as decimal text. */
  readonly driftStep: string;
  /** Reference price in USD, as decimal text. */
  readonly usdPrice: string;
}

export const CURRENCIES = {
  USD: { kind: "fiat", minDecimals: 2, driftStep: "0.01", usdPrice: "1" },
  EUR: { kind: "fiat", minDecimals: 2, driftStep: "0.01", usdPrice: "1.08" },
  GBP: { kind: "fiat", minDecimals: 2, driftStep: "0.01", usdPrice: "1.27" },
  SGD: { kind: "fiat", minDecimals: 2, driftStep: "0.01", usdPrice: "0.74" },
  BTC: { kind: "crypto", minDecimals: 1, driftStep: "0.00001", usdPrice: "97000" },
  ETH: { kind: "crypto", minDecimals: 1, driftStep: "0.0001", usdPrice: "3400" },
  SOL: { kind: "crypto", minDecimals: 1, driftStep: "0.001", usdPrice: "180" },
  USDC: { kind: "crypto", minDecimals: 1, driftStep: "0.01", usdPrice: "1" },
  GUSD: { kind: "crypto", minDecimals: 2, driftStep: "0.01", usdPrice: "1" },
  LINK: { kind: "crypto", minDecimals: 1, driftStep: "0.001", usdPrice: "22.5" },
  DOGE: { kind: "crypto", minDecimals: 1, driftStep: "0.1", usdPrice: "0.32" },
} as const satisfies Record<string, CurrencySpec>;

export type CurrencyCode = keyof typeof CURRENCIES;

/** Fiat codes served under /v1/notionalbalances/:currency, lower-case as in the path. */
export const NOTIONAL_CURRENCIES = ["usd", "eur", "gbp", "sgd"] as const;
export type NotionalCurrency = (typeof NOTIONAL_CURRENCIES)[number];
/** Gemini rounds notional values to cents. */
export const NOTIONAL_DECIMALS = 2;

export interface AccountSpec {
  readonly account: string;
  readonly name: string;
  readonly type: "exchange" | "custody";
  readonly status: "open" | "closed";
  readonly created: number;
  readonly counterpartyId: string | null;
}

export const MASTER_COUNTERPARTY_ID = "DEMO4TRSY";

export const ACCOUNTS: readonly AccountSpec[] = [
  { account: "primary", name: "Operating", type: "exchange", status: "open", created: 1_588_000_000_000, counterpartyId: "DEMO1PRIM" },
  { account: "treasury", name: "Treasury Reserve", type: "exchange", status: "open", created: 1_601_250_000_000, counterpartyId: "DEMO2TRES" },
  { account: "payroll", name: "Payroll", type: "exchange", status: "open", created: 1_650_300_000_000, counterpartyId: "DEMO3PAYR" },
  { account: "legacy-otc", name: "Legacy OTC Desk", type: "exchange", status: "closed", created: 1_660_000_000_000, counterpartyId: "DEMO5LOTC" },
  { account: "cold-storage", name: "Cold Storage", type: "custody", status: "open", created: 1_665_500_000_000, counterpartyId: null },
];

/** Seed balance as decimal text; amount >= available >= availableForWithdrawal. */
export interface SeedBalance {
  readonly currency: CurrencyCode;
  readonly amount: string;
  readonly available: string;
  readonly availableForWithdrawal: string;
  readonly pendingDeposit?: string;
  readonly pendingWithdrawal?: string;
}

export const SEED_BALANCES: Readonly<Record<string, readonly SeedBalance[]>> = {
  primary: [
    { currency: "USD", amount: "12345678.91", available: "12340000.5", availableForWithdrawal: "12300000.25", pendingDeposit: "25000" },
    { currency: "BTC", amount: "42.1234567890123456789", available: "40.5", availableForWithdrawal: "40.25", pendingWithdrawal: "1.5" },
    { currency: "ETH", amount: "318.75", available: "318.75", availableForWithdrawal: "318.75", pendingDeposit: "12.000000000000000001" },
    { currency: "SOL", amount: "1520.123456789", available: "1500.0", availableForWithdrawal: "1500.0" },
    { currency: "USDC", amount: "250000.000001", available: "250000.000001", availableForWithdrawal: "249000" },
    { currency: "GUSD", amount: "0", available: "0", availableForWithdrawal: "0" },
    { currency: "DOGE", amount: "1000000.0", available: "990000.0", availableForWithdrawal: "990000.0" },
  ],
  treasury: [
    { currency: "USD", amount: "5000000.00", available: "5000000.00", availableForWithdrawal: "4750000.00", pendingWithdrawal: "250000.00" },
    { currency: "EUR", amount: "250000.123456789012345", available: "250000.123456789012345", availableForWithdrawal: "250000.12" },
    { currency: "BTC", amount: "250.0", available: "250.0", availableForWithdrawal: "249.99999999" },
    { currency: "ETH", amount: "1200.1234567890123456789", available: "1199.9876543210987654321", availableForWithdrawal: "1100.0" },
    { currency: "USDC", amount: "3000000.0", available: "3000000.0", availableForWithdrawal: "3000000.0", pendingDeposit: "500000.0" },
    { currency: "GUSD", amount: "150000.25", available: "150000.25", availableForWithdrawal: "150000.25" },
    { currency: "LINK", amount: "0", available: "0", availableForWithdrawal: "0" },
  ],
  payroll: [
    { currency: "USD", amount: "845231.17", available: "845231.17", availableForWithdrawal: "845231.17", pendingWithdrawal: "312450.88" },
    { currency: "USDC", amount: "120000.5", available: "120000.5", availableForWithdrawal: "120000.5" },
    { currency: "BTC", amount: "0", available: "0", availableForWithdrawal: "0" },
    { currency: "ETH", amount: "0", available: "0", availableForWithdrawal: "0" },
  ],
  "legacy-otc": [
    { currency: "USD", amount: "0.00", available: "0.00", availableForWithdrawal: "0.00" },
    { currency: "BTC", amount: "0.0000000000000000001", available: "0.0000000000000000001", availableForWithdrawal: "0" },
  ],
  "cold-storage": [
    { currency: "BTC", amount: "1500.0", available: "1500.0", availableForWithdrawal: "1500.0" },
    { currency: "ETH", amount: "10000.0", available: "10000.0", availableForWithdrawal: "10000.0", pendingDeposit: "250.0" },
  ],
};

/** One staked currency (POST /v1/balances/staking): per provider, as decimal text. */
export interface SeedStaking {
  readonly currency: CurrencyCode;
  /** Provider id -> staked amount; the row's balance is their sum. */
  readonly providers: Readonly<Record<string, string>>;
  /** Staked and not being unstaked. */
  readonly available: string;
  /** Unstaked and free to leave. */
  readonly availableForWithdrawal: string;
}

/**
 * Who stakes in the demo: primary and treasury do, payroll answers an empty list (stakes nothing);
 * the closed and custody accounts answer an error, as an account staking does not apply to.
 */
export const SEED_STAKING: Readonly<Record<string, readonly SeedStaking[]>> = {
  primary: [
    {
      currency: "ETH",
      providers: { "62b21e17-2534-4b9f-afcf-b7edb609dd8d": "32.000000000000000001", "9a3c4d1e-5f60-4b7a-8c9d-0e1f2a3b4c5d": "8.25" },
      available: "40.250000000000000001",
      availableForWithdrawal: "8.25",
    },
    { currency: "SOL", providers: { "62b21e17-2534-4b9f-afcf-b7edb609dd8d": "1200.123456789" }, available: "1200.123456789", availableForWithdrawal: "0" },
  ],
  treasury: [{ currency: "ETH", providers: { "9a3c4d1e-5f60-4b7a-8c9d-0e1f2a3b4c5d": "640.5" }, available: "640.5", availableForWithdrawal: "0" }],
  payroll: [],
};

/** The demo group's accounts and their seed balances, plus any extra desks a large-group benchmark asks for. */
export interface DemoGroup {
  readonly accounts: readonly AccountSpec[];
  readonly seeds: Readonly<Record<string, readonly SeedBalance[]>>;
  /** Staked balances by account; an account not listed answers the staking call with an error. */
  readonly staking: Readonly<Record<string, readonly SeedStaking[]>>;
}

/** The named accounts are always there; DEMO_ACCOUNTS (lib/config) counts them in. */
export const MAX_EXTRA_ACCOUNTS = MAX_DEMO_ACCOUNTS - ACCOUNTS.length;
/** Desks are created in groups of this many within one millisecond, so a page of the list can end inside one. */
const DESKS_PER_MILLISECOND = 4;
/** When the desks were opened unless told: long past, for tests, benchmarks and the standalone exchange. */
const DESKS_CREATED_FROM = 1_700_000_000_000;
/** Seeds the desks' balances: the same group on every start. */
const DESK_SEED = 17;

/** Decimal text with `decimals` places from a whole number of the smallest unit. */
function unitsText(units: number, decimals: number): string {
  const digits = String(units).padStart(decimals + 1, "0");
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** A desk's balances: two to five currencies with amounts of different sizes, some held back. */
function deskSeeds(index: number): SeedBalance[] {
  const random = createRandom(DESK_SEED * 100_003 + index);
  const codes = Object.keys(CURRENCIES) as CurrencyCode[];
  const picked = codes.filter((_, position) => position === index % codes.length || random.int(4) === 0).slice(0, 5);
  return picked.map((currency) => {
    const decimals = CURRENCIES[currency].kind === "fiat" ? 2 : 8;
    // Up to about a million of the currency's USD-priced units, scaled down for dear coins.
    const scale = Number(CURRENCIES[currency].usdPrice) >= 1000 ? 1_000 : 1_000_000;
    const amount = (1 + random.int(scale)) * 10 ** decimals + random.int(10 ** decimals);
    const available = amount - random.int(Math.max(1, Math.floor(amount / 10)));
    const availableForWithdrawal = available - random.int(Math.max(1, Math.floor(available / 10)));
    return { currency, amount: unitsText(amount, decimals), available: unitsText(available, decimals), availableForWithdrawal: unitsText(availableForWithdrawal, decimals) };
  });
}

/**
 * The demo group with `extra` more open exchange accounts (desk-001, desk-002, ...), each with
 * balances of its own (deterministic): a group as large as a real treasury's, paged like Gemini's.
 * The desks are opened from `desksOpenedAt` on (ms); the app's embedded exchange passes a recent
 * time so its seeded past can hold them for its last hours only (lib/snapshots/demo-history.ts).
 */
export function demoGroup(extra = 0, connection?: string, desksOpenedAt = DESKS_CREATED_FROM): DemoGroup {
  const group = baseGroup(extra, connection === undefined ? 0 : connectionSeed(connection), desksOpenedAt);
  return connection === undefined ? group : renamed(group, connection);
}

/** A number from the label, so each further demo group's desks hold balances of their own. */
function connectionSeed(label: string): number {
  return [...label].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 1_000_003, 7) + 1;
}

/** The group as another entity's: every account named after the connection (sg-entity-primary, "Operating (sg-entity)"). */
function renamed(group: DemoGroup, label: string): DemoGroup {
  const rename = (account: string) => `${label}-${account}`;
  const rekey = <T>(record: Readonly<Record<string, T>>) => Object.fromEntries(Object.entries(record).map(([account, value]) => [rename(account), value]));
  return {
    accounts: group.accounts.map((spec) => ({ ...spec, account: rename(spec.account), name: `${spec.name} (${label})` })),
    seeds: rekey(group.seeds),
    staking: rekey(group.staking),
  };
}

function baseGroup(extra: number, seedOffset: number, desksOpenedAt: number): DemoGroup {
  if (!Number.isInteger(extra) || extra < 0 || extra > MAX_EXTRA_ACCOUNTS) throw new Error(`extra accounts must be 0 to ${MAX_EXTRA_ACCOUNTS}, got ${extra}`);
  const width = Math.max(3, String(extra).length);
  const desks = Array.from({ length: extra }, (_, index): AccountSpec => {
    const number = String(index + 1).padStart(width, "0");
    const created = desksOpenedAt + Math.floor(index / DESKS_PER_MILLISECOND);
    return { account: `desk-${number}`, name: `Desk ${number}`, type: "exchange", status: "open", created, counterpartyId: `DEMOD${number}` };
  });
  return {
    accounts: [...ACCOUNTS, ...desks],
    seeds: { ...SEED_BALANCES, ...Object.fromEntries(desks.map((desk, index) => [desk.account, deskSeeds(index + seedOffset)])) },
    staking: { ...SEED_STAKING, ...Object.fromEntries(desks.map((desk) => [desk.account, SEED_STAKING.primary!])) },
  };
}

/** The group size DEMO_ACCOUNTS asks for, as desks beyond the named accounts (null: just those). */
export function extraAccountsFor(demoAccounts: number | null): number {
  return demoAccounts === null ? 0 : demoAccounts - ACCOUNTS.length;
}
