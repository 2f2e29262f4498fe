/**
 * Seeds a history store with testkit/history-fixture.ts through lib/store (the real write path),
 * for specs whose app cannot import server modules. Prints the snapshot ids as JSON, in order.
 * Run: node --conditions=react-server --import tsx testkit/history-seed.ts <databaseUrl> <dataDir>
 */
import { keyFingerprint } from "@/lib/gemini/client";
import { DEMO_MASTER_KEY } from "@/lib/demo-exchange/credentials";
import { openStore, type AccountRecord } from "@/lib/store";
import { HISTORY_FIXTURE } from "./history-fixture";

const STARTED_BEFORE_MS = 4_000;

async function main(): Promise<void> {
  const [databaseUrl, dataDir] = process.argv.slice(2);
  if (!databaseUrl || !dataDir) throw new Error("usage: history-seed.ts <databaseUrl> <dataDir>");
  const store = await openStore({ databaseUrl, dataDir });
  try {
    const ids: number[] = [];
    for (const snapshot of HISTORY_FIXTURE) {
      const takenAt = new Date(snapshot.takenAt);
      const accounts: AccountRecord[] = snapshot.accounts.map((account) =>
        account.status === "ok" ? { ...account, balances: account.balances.map((row) => ({ ...row, takenAt: new Date(row.takenAt) })) } : account,
      );
      const recorded = await store.snapshots.recordSnapshot({
        connection: snapshot.key === "app" ? { label: "Demo exchange", keyFingerprint: keyFingerprint(DEMO_MASTER_KEY) } : { label: "Other", keyFingerprint: "0123456789abcdef" },
        startedAt: new Date(takenAt.getTime() - STARTED_BEFORE_MS),
        takenAt,
        demo: true,
        accounts,
      });
      ids.push(recorded.id);
    }
    process.stdout.write(JSON.stringify(ids));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
