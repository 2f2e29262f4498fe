import { describe, expect, it } from "vitest";
import { matchAccounts, optionLabel } from "@/lib/balances/account-options";
import type { Account } from "@/lib/balances/types";

const accounts: Account[] = [
  { account: "primary", name: "Operating", type: "exchange", status: "open" },
  { account: "desk-012", name: "Desk 012", type: "exchange", status: "open" },
  { account: "desk-120", name: "Désk München", type: "exchange", status: "closed" },
  { account: "cold-storage", name: "Cold Storage", type: "custody", status: "open" },
];

describe("matchAccounts", () => {
  it("finds by name or id, every word, ignoring case and accents, in the group's order", () => {
    expect(matchAccounts(accounts, "").map((account) => account.account)).toEqual(accounts.map((account) => account.account));
    expect(matchAccounts(accounts, "DESK").map((account) => account.account)).toEqual(["desk-012", "desk-120"]);
    expect(matchAccounts(accounts, "desk munchen").map((account) => account.account)).toEqual(["desk-120"]);
    expect(matchAccounts(accounts, "operat").map((account) => account.account)).toEqual(["primary"]);
    expect(matchAccounts(accounts, "12 desk").map((account) => account.account)).toEqual(["desk-012", "desk-120"]);
    expect(matchAccounts(accounts, "nothing")).toEqual([]);
  });
});

describe("optionLabel", () => {
  it("names the account and marks closed and custody ones", () => {
    expect(optionLabel(accounts[0]!)).toBe("Operating (primary)");
    expect(optionLabel(accounts[2]!)).toBe("Désk München (desk-120) · closed");
    expect(optionLabel(accounts[3]!)).toBe("Cold Storage (cold-storage) · custody, no exchange balances");
  });
});
