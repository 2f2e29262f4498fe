/**
 * A second process on the history store, for tests that need one: `open` opens and exits 0 (or
 * prints the error and exits 1); `write` records snapshots until killed, printing "committed N"
 * after each commit. Run: node --conditions=react-server --import tsx testkit/store-child.ts
 * <open|write> <dataDir> [databaseUrl]
 */
import { openStore, type AccountRecord } from "@/lib/store";

export const CHILD_ACCOUNTS = 20;
export const CHILD_CURRENCIES = 10;
export const CHILD_FINGERPRINT = "child-writer";

export function childSnapshotAccounts(round: number, takenAt: Date): AccountRecord[] {
  return Array.from({ length: CHILD_ACCOUNTS }, (_, a) => ({
    account: `account-${a}`,
    status: "ok" as const,
    balances: Array.from({ length: CHILD_CURRENCIES }, (_, c) => ({
      currency: `C${c}`,
      amount: `${round}.${"9".repeat(19)}`,
      available: `${round}`,
      availableForWithdrawal: "0",
      pendingDeposit: null,
      pendingWithdrawal: null,
      valueUsd: "12345678901234567890.12",
      exchangeTimestamp: `17646336${String(round).padStart(11, "0")}`,
      takenAt,
    })),
  }));
}

async function main(): Promise<void> {
  const [mode, dataDir, databaseUrl] = process.argv.slice(2);
  if (!dataDir || (mode !== "open" && mode !== "write")) throw new Error("usage: store-child.ts <open|write> <dataDir> [databaseUrl]");
  const store = await openStore({ databaseUrl: databaseUrl ?? null, dataDir });
  if (mode === "open") {
    await store.close();
    return;
  }
  for (let round = 1; ; round += 1) {
    const takenAt = new Date(Date.UTC(2026, 0, 1) + round * 1000);
    await store.snapshots.recordSnapshot({
      connection: { label: "child", keyFingerprint: CHILD_FINGERPRINT },
      startedAt: takenAt,
      takenAt,
      demo: true,
      accounts: childSnapshotAccounts(round, takenAt),
    });
    process.stdout.write(`committed ${round}\n`);
  }
}

if (process.argv[1]?.endsWith("store-child.ts")) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
