// Public demo values, not secrets: no "server-only" guard, so test tooling outside Next can import them.

// Public demo values, printed in docs on purpose: the demo exchange holds no real funds.
export const DEMO_MASTER_KEY = "master-demo-treasury";
export const DEMO_MASTER_SECRET = "demo-master-secret-4f9c2a7e1b8d3c6a5e0f";
export const DEMO_ACCOUNT_KEY = "account-demo-primary";
export const DEMO_ACCOUNT_SECRET = "demo-account-secret-9b1e6d4c2a0f8e7d3c5b";

/** The account an account-scoped key is bound to. */
const DEMO_ACCOUNT_KEY_ACCOUNT = "primary";

export interface DemoKey {
  readonly key: string;
  readonly secret: string;
  readonly kind: "master" | "account";
  /** Account-scoped keys act on this account only; null for the master key. */
  readonly boundAccount: string | null;
}

export const DEMO_KEYS: readonly DemoKey[] = [
  { key: DEMO_MASTER_KEY, secret: DEMO_MASTER_SECRET, kind: "master", boundAccount: null },
  { key: DEMO_ACCOUNT_KEY, secret: DEMO_ACCOUNT_SECRET, kind: "account", boundAccount: DEMO_ACCOUNT_KEY_ACCOUNT },
];

/**
 * The master key of a further demo group (DEMO_CONNECTIONS beyond the first, or the standalone
 * exchange's --connection): public like the others, one per label, so two demo connections never
 * share a key.
 */
export function demoConnectionKey(label: string): DemoKey {
  return { key: `master-demo-${label}`, secret: `demo-${label}-secret-7d2e9a41c8b3f650`, kind: "master", boundAccount: null };
}
