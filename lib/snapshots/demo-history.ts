import "server-only";
import Big from "big.js";
import { seedDemoAlertRules } from "@/lib/alerts/demo-rules";
import { CURRENCIES, demoGroup, NOTIONAL_DECIMALS, type DemoGroup, type SeedBalance, type SeedStaking } from "@/lib/demo-exchange/data";
import { fromUnits, toUnits } from "@/lib/demo-exchange/decimal";
import { createRandom, type Random } from "@/lib/demo-exchange/random";
import type { AccountRecord, BalanceRecord, Connection, NewSnapshot, StakingRecord, Store } from "@/lib/store";

/**
 * Demo mode's made-up past: 90 days of snapshots of the demo exchange's own open exchange
 * accounts, ending at the exchange's seed balances (what its live drift starts from), so the
 * charts have something to show on a first start and today's point meets the live figures.
 * An account is in the snapshots taken after it was opened: the desks DEMO_ACCOUNTS adds are
 * opened a few hours before the server starts (cheap: 90 days of 2000 desks would be millions of
 * rows), so the group's total steps up there, as it would the day a treasury opened them.
 * Every figure is exact: integers of 10^-19 (the exchange's own units) formatted as it formats
 * them, and USD values through big.js as its notional endpoint computes them.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const DEMO_HISTORY_DAYS = 90;
/** Older history every 6 hours (enough for 30 d and 90 d charts), the last 2 days every hour. */
const COARSE_STEP_HOURS = 6;
const FINE_DAYS = 2;
/** A scheduled snapshot starts on the hour and takes a moment: the last one is this far before now at least. */
const SETTLE_MS = 10_000;
/** What one account adds to a snapshot (balances, notional value, staking: three calls at 5 a second): a large group's last one still ends before now. */
const ACCOUNT_MS = 600;
/** One move of the walk is this fraction of the balance (per mille), in the exchange's drift steps. */
const MOVE_PER_MILLE = 1n;
/** Now and then money moves in bulk (a deposit, a payout): this many moves at once, 1 in FLOW_ODDS steps. */
const FLOW_MOVES = 25;
const FLOW_ODDS = 80;
/** A pending deposit or withdrawal shows in 1 of PENDING_ODDS snapshots. */
const PENDING_ODDS = 12;
/** The days ago of one missing UTC day (the server was off) and of one partial snapshot: charts show both. */
const MISSING_DAY_AGO = 41;
const PARTIAL_DAY_AGO = 17;
const PARTIAL_ACCOUNT = "treasury";
const PARTIAL_ERROR_CODE = "upstream_timeout";
/** Fixed, so every demo install shows the same past. */
const DEFAULT_SEED = 13;
const NANOS_PER_MS = 1_000_000n;

export interface DemoHistoryOptions {
  now: Date;
  connection: Connection;
  days?: number;
  seed?: number;
  /**
   * Further demo connections (DEMO_CONNECTIONS after the first): each gets the same past under its
   * own connection, its accounts named as its demo group names them (sg-entity-primary).
   */
  further?: readonly { label: string; connection: Connection }[];
  /** The desks each group has (DEMO_ACCOUNTS) and when they were opened, as the embedded exchanges were given them. */
  desks?: { extra: number; openedAt: number };
}

/** The demo group a connection's exchange serves: the first one's, or a further one's (by label). */
function groupOf({ desks }: DemoHistoryOptions, label?: string): DemoGroup {
  return demoGroup(desks?.extra ?? 0, label, desks?.openedAt);
}

/** Accounts a snapshot of the demo group covers: its open exchange accounts, as takeSnapshot reads them. */
export function demoSnapshotAccounts(group: DemoGroup = demoGroup()): string[] {
  return group.accounts.filter((spec) => spec.type === "exchange" && spec.status === "open").map((spec) => spec.account);
}

/** The times snapshots were taken at: every 6 h on the hour, hourly for the last 2 days, oldest first. */
function slots(now: Date, days: number, settleMs: number): number[] {
  const last = Math.floor((now.getTime() - settleMs) / HOUR_MS) * HOUR_MS;
  // The 6-hourly slot at or before `days` ago, so the history covers the whole range.
  const first = Math.floor((last - days * DAY_MS) / (COARSE_STEP_HOURS * HOUR_MS)) * COARSE_STEP_HOURS * HOUR_MS;
  const fineFrom = last - FINE_DAYS * DAY_MS;
  const missingDay = Math.floor((last - MISSING_DAY_AGO * DAY_MS) / DAY_MS) * DAY_MS;
  const times: number[] = [];
  for (let at = last; at >= first; at -= HOUR_MS) {
    if (at < fineFrom && (at / HOUR_MS) % COARSE_STEP_HOURS !== 0) continue;
    if (at >= missingDay && at < missingDay + DAY_MS) continue;
    times.push(at);
  }
  return times.reverse();
}

/** One balance's path, newest first: offsets (in moves) from the seed amount, 0 at the newest. */
function walk(random: Random, count: number, seedUnits: bigint, move: bigint): bigint[] {
  // Each balance leans one way (growing, shrinking or flat): read backwards, so a growing one was smaller.
  const lean = BigInt(random.int(3) - 1);
  const offsets: bigint[] = [0n];
  let offset = 0n;
  for (let index = 1; index < count; index += 1) {
    let step = BigInt(random.int(7) - 3) + (random.int(2) === 0 ? lean : 0n);
    if (random.int(FLOW_ODDS) === 0) step += BigInt((random.int(2) * 2 - 1) * FLOW_MOVES);
    offset -= step;
    // Never zero or below: a walk that would go there bounces back.
    if (seedUnits + offset * move <= 0n) offset += 2n * step;
    if (seedUnits + offset * move <= 0n) offset = 0n;
    offsets.push(offset);
  }
  return offsets;
}

/** Amount, available and withdrawable with the seed's holds kept where they fit, as the exchange's drift does. */
function figures(seed: SeedBalance, amount: bigint): { amount: bigint; available: bigint; availableForWithdrawal: bigint } {
  const orderHold = toUnits(seed.amount) - toUnits(seed.available);
  const withdrawalHold = toUnits(seed.available) - toUnits(seed.availableForWithdrawal);
  const available = amount > orderHold ? amount - orderHold : 0n;
  return { amount, available, availableForWithdrawal: available > withdrawalHold ? available - withdrawalHold : 0n };
}

/** Gemini's notional USD value: amount x price, to cents, half up (lib/demo-exchange/endpoints.ts). */
function valueUsd(amount: string, usdPrice: string): string {
  return new Big(amount).times(usdPrice).round(NOTIONAL_DECIMALS, Big.roundHalfUp).toFixed(NOTIONAL_DECIMALS);
}

/**
 * What the demo exchange answers for an account's staking (static: staked amounts do not drift),
 * valued at its price feed's USD price as a snapshot values it; an account it does not stake for
 * answers an error, recorded as "no staking".
 */
function demoStaking(rows: readonly SeedStaking[] | undefined): StakingRecord {
  if (!rows) return { state: "none", reason: "unavailable" };
  return {
    state: "staked",
    balances: rows.map((row) => {
      // Summed in the exchange's units and written as it writes them (lib/demo-exchange/endpoints.ts).
      const balance = fromUnits(Object.values(row.providers).reduce((sum, amount) => sum + toUnits(amount), 0n), 0);
      return { currency: row.currency, balance, valueUsd: new Big(balance).times(CURRENCIES[row.currency].usdPrice).toFixed() };
    }),
  };
}

interface BalancePath {
  seed: SeedBalance;
  /** Amount per slot, oldest first. */
  amounts: bigint[];
  /** Pending deposit and withdrawal per slot, oldest first. */
  pending: { deposit: bigint; withdrawal: bigint }[];
}

function balancePath(random: Random, seed: SeedBalance, count: number): BalancePath {
  const seedUnits = toUnits(seed.amount);
  const step = toUnits(CURRENCIES[seed.currency].driftStep);
  // A move is about a thousandth of the balance, in whole drift steps (so the seed's own digits stay).
  const move = seedUnits === 0n ? 0n : ((seedUnits * MOVE_PER_MILLE) / 1000n / step) * step || step;
  // Zero balances stay zero, as on the live exchange.
  const offsets = seedUnits === 0n ? new Array<bigint>(count).fill(0n) : walk(random, count, seedUnits, move);
  const amounts = offsets.map((offset) => seedUnits + offset * move).reverse();
  const pending = amounts.map((_, index) => {
    if (index === count - 1) return { deposit: toUnits(seed.pendingDeposit ?? "0"), withdrawal: toUnits(seed.pendingWithdrawal ?? "0") };
    const moves = (): bigint => (seedUnits > 0n && random.int(PENDING_ODDS) === 0 ? BigInt(1 + random.int(FLOW_MOVES)) * move : 0n);
    return { deposit: moves(), withdrawal: moves() };
  });
  return { seed, amounts, pending };
}

/** Gemini's `_timestamp` for a response received at `ms`: integer nanoseconds, as text. */
function exchangeNanos(random: Random, ms: number): string {
  return (BigInt(ms) * NANOS_PER_MS + BigInt(random.int(1_000_000))).toString();
}

/**
 * The whole seeded past of one connection's group, oldest first (`label`: a further connection's,
 * its accounts renamed as lib/demo-exchange/data.ts renames them); pure (the same options give the
 * same snapshots).
 */
export function demoHistory(options: DemoHistoryOptions, label?: string): NewSnapshot[] {
  const { now, connection, days = DEMO_HISTORY_DAYS, seed = DEFAULT_SEED } = options;
  const random = createRandom(seed);
  const group = groupOf(options, label);
  const open = group.accounts.filter((spec) => spec.type === "exchange" && spec.status === "open");
  const times = slots(now, days, SETTLE_MS + open.length * ACCOUNT_MS);
  const accounts = open.map((spec) => {
    // An account's path covers the slots from its opening on; an older slot does not hold it.
    const from = times.findIndex((slot) => slot >= spec.created);
    const held = from === -1 ? 0 : times.length - from;
    return {
      account: spec.account,
      from: from === -1 ? times.length : from,
      paths: (group.seeds[spec.account] ?? []).map((balance) => balancePath(random, balance, held)),
      staking: demoStaking(group.staking[spec.account]),
    };
  });
  const partialAccount = label === undefined ? PARTIAL_ACCOUNT : `${label}-${PARTIAL_ACCOUNT}`;
  const partialDay = Math.floor((times.at(-1)! - PARTIAL_DAY_AGO * DAY_MS) / DAY_MS) * DAY_MS;
  const partialAt = partialDay + 12 * HOUR_MS;

  return times.map((slot, index) => {
    const startedAt = slot + random.int(1_500);
    let clock = startedAt;
    const records: AccountRecord[] = accounts.filter(({ from }) => index >= from).map(({ account, from, paths, staking }) => {
      clock += ACCOUNT_MS - 100 + random.int(100);
      if (slot === partialAt && account === partialAccount) return { account, status: "failed", errorCode: PARTIAL_ERROR_CODE };
      const takenAt = new Date(clock);
      const exchangeTimestamp = exchangeNanos(random, clock - random.int(60));
      const balances: BalanceRecord[] = paths.map(({ seed: seedBalance, amounts, pending }) => {
        const spec = CURRENCIES[seedBalance.currency];
        const text = (units: bigint): string => fromUnits(units, spec.minDecimals);
        const current = figures(seedBalance, amounts[index - from]!);
        const amount = text(current.amount);
        return {
          currency: seedBalance.currency,
          amount,
          available: text(current.available),
          availableForWithdrawal: text(current.availableForWithdrawal),
          pendingDeposit: text(pending[index - from]!.deposit),
          pendingWithdrawal: text(pending[index - from]!.withdrawal),
          valueUsd: valueUsd(amount, spec.usdPrice),
          exchangeTimestamp,
          takenAt,
        };
      });
      return { account, status: "ok", balances, staking };
    });
    return { connection, startedAt: new Date(startedAt), takenAt: new Date(clock + random.int(20)), demo: true, accounts: records };
  });
}

export interface SeedResult {
  /** Snapshots written; 0 when the store already held history (it is never seeded twice). */
  snapshots: number;
  /** Alert events the demo's own rules recorded against that past (lib/alerts/demo-rules.ts). */
  alertEvents: number;
  ms: number;
}

/**
 * Seeds an empty store with the demo's past in one transaction, then the demo's alert rules (one
 * fires against that past); a store with any snapshot is left alone.
 */
export async function seedDemoHistory(store: Store, options: DemoHistoryOptions): Promise<SeedResult> {
  const started = performance.now();
  const snapshots = await store.snapshots.recordSnapshotsIfEmpty(() => [
    ...demoHistory(options),
    ...(options.further ?? []).flatMap(({ label, connection }) => demoHistory({ ...options, connection }, label)),
  ]);
  const alertEvents = snapshots > 0 ? (await seedDemoAlertRules(store, options)).length : 0;
  return { snapshots, alertEvents, ms: Math.round(performance.now() - started) };
}
