/** Helpers for the dashboard's browser specs. */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { BalancesResponse } from "../lib/balances/types";
import { demoExchange } from "./demo-exchange";
import { UI } from "./e2e-servers";

export const UI_APP = UI.app;
/** The UI pair's exchange: faults injected here meet the dashboard's next read. */
export const uiExchange = demoExchange(UI.exchange);

/** What GET /api/balances answers, as the README documents it. */
export type ApiBalances = BalancesResponse;

/**
 * The display rule, written independently of lib/balances/format.ts: cut (never round) to
 * `decimals` digits, pad with zeros, group the whole part in threes. Non-negative values only.
 */
export function expectedDisplay(exact: string, decimals: number): string {
  const [whole = "0", fraction = ""] = exact.split(".");
  const cut = fraction.padEnd(decimals, "0").slice(0, decimals);
  const grouped = whole.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return decimals > 0 ? `${grouped}.${cut}` : grouped;
}

export async function apiBalances(request: APIRequestContext, account: string, pending = false): Promise<ApiBalances> {
  const response = await request.get(`${UI_APP}/api/balances?account=${account}&pending=${pending}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiBalances;
}

export interface ShownCell {
  display: string;
  exact: string | null;
  title: string | null;
}
export type ShownTable = Record<string, Record<string, ShownCell>>;

/** The balances table as on screen: currency code -> column header -> cell. */
export async function readTable(page: Page): Promise<ShownTable> {
  return page.getByRole("table").evaluate((table) => {
    const headers = [...table.querySelectorAll("thead th")].map((th) => (th.querySelector("button")?.firstChild?.textContent ?? "").trim());
    const result: Record<string, Record<string, { display: string; exact: string | null; title: string | null }>> = {};
    for (const row of table.querySelectorAll("tbody tr")) {
      const code = row.querySelector("th span")?.textContent?.trim() ?? "";
      const cells: Record<string, { display: string; exact: string | null; title: string | null }> = {};
      row.querySelectorAll("td").forEach((td, index) => {
        const header = headers[index + 1] ?? `#${index}`;
        cells[header] = {
          display: (td.querySelector("data")?.textContent ?? "").trim(),
          exact: td.getAttribute("data-exact"),
          title: td.getAttribute("title"),
        };
      });
      result[code] = cells;
    }
    return result;
  });
}
