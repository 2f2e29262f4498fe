import "server-only";

/**
 * The Gemini vendor module: signing, nonces, the client, its errors, and the reshaped shapes of
 * what it reads. A leaf: it imports nothing of the dashboard's own modules. Which implementations
 * it runs with (Redis or in-process, the demo exchange or Gemini) is lib/server/runtime's choice.
 */
export { getBalances, getNotionalBalances, getPriceFeed, getRoles, getStakingBalances, listAccounts, readStaking } from "@/lib/gemini/api";
export { GeminiError } from "@/lib/gemini/errors";
export type { GeminiCaller, GeminiClient } from "@/lib/gemini/client";
export { REQUEST_BUDGET_MS } from "@/lib/gemini/retry";
export type {
  Account,
  Balance,
  BalanceAmounts,
  BalancesReply,
  KeyRoles,
  NotionalBalance,
  PairPrice,
  NoStakingReason,
  Staking,
  StakingBalance,
  StakingProviderBalance,
} from "@/lib/gemini/types";
