import { describe, expect, it } from "vitest";
import { MIN_DEMO_ACCOUNTS } from "@/lib/config/demo-accounts";
import { ACCOUNTS, demoGroup, extraAccountsFor } from "./data";

describe("DEMO_ACCOUNTS", () => {
  it("counts the named accounts in: a group of N has N accounts", () => {
    expect(MIN_DEMO_ACCOUNTS).toBe(ACCOUNTS.length);
    expect(demoGroup(extraAccountsFor(200)).accounts).toHaveLength(200);
    expect(demoGroup(extraAccountsFor(null)).accounts).toHaveLength(ACCOUNTS.length);
  });

  it("lists the named accounts oldest first, in the order the dashboard has always shown them", () => {
    const created = ACCOUNTS.map((account) => account.created);
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it("opens the desks when told (the app's seeded past holds them from then), after every named account and in order", () => {
    const openedAt = Date.UTC(2026, 11, 2, 8, 40);
    const desks = demoGroup(9, "sg-entity", openedAt).accounts.slice(ACCOUNTS.length);
    expect(desks.map((desk) => desk.created)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2].map((ms) => openedAt + ms));
    expect(demoGroup(9).accounts.slice(ACCOUNTS.length).every((desk) => desk.created < openedAt)).toBe(true);
  });
});
