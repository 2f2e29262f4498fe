import { describe, expect, it } from "vitest";
import { AMOUNT_COLUMNS, isZeroBalance, sortBalances, visibleColumns } from "@/lib/balances/columns";
import { balance } from "@/testkit/balances";

describe("balance columns", () => {
  it("adds the pending columns only when pending is on", () => {
    expect(visibleColumns(false).map((column) => column.header)).toEqual(["Amount", "Available", "Available for withdrawal"]);
    expect(visibleColumns(true).map((column) => column.header)).toEqual([
      "Amount",
      "Available",
      "Available for withdrawal",
      "Pending deposit",
      "Pending withdrawal",
    ]);
  });

  it("sorts exactly by any column, both ways", () => {
    const rows = [balance("ETH", "10"), balance("BTC", "9.99999999999999999999"), balance("USD", "100")];
    const amount = (direction: "ascending" | "descending") =>
      sortBalances(rows, { column: "amount", direction }, AMOUNT_COLUMNS).map((row) => row.currency);
    expect(amount("ascending")).toEqual(["BTC", "ETH", "USD"]);
    expect(amount("descending")).toEqual(["USD", "ETH", "BTC"]);
    expect(sortBalances(rows, { column: "currency", direction: "descending" }, AMOUNT_COLUMNS).map((row) => row.currency)).toEqual([
      "USD",
      "ETH",
      "BTC",
    ]);
  });

  it("calls a row zero only when every shown column is exactly zero", () => {
    expect(isZeroBalance(balance("LINK", "0"), visibleColumns(false))).toBe(true);
    expect(isZeroBalance(balance("BTC", "0.0000000000000000001"), visibleColumns(false))).toBe(false);
    const pendingOnly = balance("ETH", "0", { pendingDeposit: "5" });
    expect(isZeroBalance(pendingOnly, visibleColumns(false))).toBe(true);
    expect(isZeroBalance(pendingOnly, visibleColumns(true))).toBe(false);
  });
});
