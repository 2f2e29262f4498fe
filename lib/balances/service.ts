import "server-only";
import { ApiError } from "@/lib/api/errors";
import { assertInScope, connectionScope, visible, type AccountScope } from "@/lib/auth/scope";
import { getBalances, listAccounts, readStaking, REQUEST_BUDGET_MS, type BalancesReply, type Staking } from "@/lib/gemini";
import { connectionOf, signsWithMasterKey } from "@/lib/server/exchange-key";
import { getBalancesCache, getGemini } from "@/lib/server/runtime";
import { balancesCacheKey } from "@/lib/balances/cache";
import type { BalancesQuery } from "@/lib/balances/query";
import { latestTimestamp } from "@/lib/balances/timestamp";
import type { Account, AccountsResponse, BalancesResponse, BalancesSnapshot } from "@/lib/balances/types";

/** How long the account list of a master key is trusted before it is fetched again. */
export const ACCOUNT_LIST_TTL_MS = 60_000;

interface AccountList {
  promise: Promise<Account[]>;
  fetchedAt: number;
  value?: Account[];
}

// One per process, like the Gemini client: the page and each route are separate bundles, and a
// module-level copy each would list the accounts once per bundle instead of once per TTL. One list
// per connection (by label): each key has a group of its own.
const holder = globalThis as typeof globalThis & { __accountLists?: Map<string, AccountList> };
const accountLists = (): Map<string, AccountList> => (holder.__accountLists ??= new Map());

/** A connection's group's accounts, fetched at most once per TTL; concurrent callers share one call. */
function groupAccounts(connection: string | null = null, deadline = Date.now() + REQUEST_BUDGET_MS): Promise<Account[]> {
  const label = connectionOf(connection).connection.label;
  const lists = accountLists();
  const cached = lists.get(label);
  if (!cached || Date.now() - cached.fetchedAt >= ACCOUNT_LIST_TTL_MS) {
    const promise = listAccounts(getGemini(label), { deadline });
    // The last list stays known while the next one is asked for.
    const entry: AccountList = { promise, fetchedAt: Date.now(), value: cached?.value };
    lists.set(label, entry);
    promise.then((accounts) => void (entry.value = accounts)).catch(() => {
      if (lists.get(label)?.promise === promise) lists.delete(label); // a failure is not cached
    });
    return promise;
  }
  return cached.promise;
}

/** A connection's accounts as last listed, without asking Gemini (names for views read from the store); null before the first list. */
export function knownAccounts(connection: string | null = null): Account[] | null {
  return accountLists().get(connectionOf(connection).connection.label)?.value ?? null;
}

/** A connection's accounts (the default connection's when not named) that `scope` may see (every one for WHOLE_GROUP). */
export async function readAccounts(scope: AccountScope, connection: string | null = null): Promise<AccountsResponse> {
  if (!signsWithMasterKey(connection)) return { master: false, accounts: [] };
  return { master: true, accounts: visible(connectionScope(scope, connection), await groupAccounts(connection)) };
}

/** Checks the connection, the account against the caller's scope, then the key, before any balances (or notional balances) call goes upstream. */
export async function resolveAccount(account: string | null, deadline: number, scope: AccountScope, connection: string | null = null): Promise<string | null> {
  assertInScope(connectionScope(scope, connection), account);
  const master = signsWithMasterKey(connection);
  if (!master) {
    if (account !== null) {
      throw new ApiError("account_not_allowed", "This API key belongs to one account: omit the account parameter.");
    }
    return null;
  }
  if (account === null) {
    throw new ApiError("account_required", "This is a master API key: choose an account, e.g. ?account=primary.");
  }
  const match = (await groupAccounts(connection, deadline)).find((candidate) => candidate.account === account);
  if (!match) throw new ApiError("account_not_found", `No account named '${account}' in this API key's group.`);
  if (match.type !== "exchange") {
    throw new ApiError("account_not_exchange", `'${account}' is a custody account: Gemini reports no exchange balances for it.`);
  }
  return account;
}

/** One snapshot of Gemini's answer: its balances, as of the newest `_timestamp` among them, and the account's staking. */
function toSnapshot({ balances, timestamps }: BalancesReply, staking: Staking): BalancesSnapshot {
  return { timestamp: latestTimestamp(timestamps), balances, staking };
}

/** A cached snapshot written before staking was read (a rolling deploy sharing Redis) shows "no staking" until it expires. */
const STAKING_NOT_READ: Staking = { state: "none", reason: "unavailable" };

/**
 * Balances of one account: from the shared cache when fresh, else one upstream call that every
 * identical request (in this process, and via the cache in every other) waits for and shares.
 */
export async function readBalances(query: BalancesQuery, scope: AccountScope): Promise<BalancesResponse> {
  const deadline = Date.now() + REQUEST_BUDGET_MS;
  const connection = query.connection ?? null;
  const account = await resolveAccount(query.account, deadline, scope, connection);
  const { pending } = query;
  const { cache, keyId } = getBalancesCache(connection);
  const key = balancesCacheKey(keyId, account, pending);
  const snapshot = await cache.read(key, (peek) =>
    getGemini(connection).exclusive(deadline, async (session) => {
      const filled = await peek(); // another instance may have loaded it while we waited for the gate
      if (filled) return filled;
      const reply = await getBalances(session, { account, pending }, { deadline });
      // Staking comes second and never fails the read: an error is this account's "no staking".
      const fresh = toSnapshot(reply, await readStaking(session, { account }, { deadline }));
      await cache.store(key, fresh).catch(() => undefined); // logged; the fresh numbers still stand
      return fresh;
    }),
  );
  return { account, pending, ...snapshot, staking: snapshot.staking ?? STAKING_NOT_READ };
}
