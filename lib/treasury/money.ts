/**
 * Sums and shares of Gemini's decimal strings (big.js), client-safe: never a JS float for money.
 * Flooring and display formatting live in lib/balances/format.ts.
 */
import Big from "big.js";

const FRACTION = /\.(\d+)$/;
/** Digits kept when dividing for a share of a total; only chart geometry uses it. */
const SHARE_DECIMALS = 12;

function fractionDigits(value: string): number {
  return FRACTION.exec(value)?.[1]?.length ?? 0;
}

/** Exact sum, written with as many decimals as the most precise term ("1.50" + "2.50" = "4.00"). */
export function sumDecimals(values: Iterable<string>): string {
  let total = new Big(0);
  let decimals = 0;
  for (const value of values) {
    total = total.plus(value);
    decimals = Math.max(decimals, fractionDigits(value));
  }
  return total.toFixed(decimals);
}

/** part / total as a plain number for chart geometry; 0 when the total is not positive. */
export function shareOf(part: string, total: string): number {
  const whole = new Big(total);
  if (whole.lte(0)) return 0;
  return Number(new Big(part).div(whole).toFixed(SHARE_DECIMALS));
}

/** part / total as a percentage text with `decimals` places, rounded half up: "41.2". "0.0" when the total is not positive. */
export function percentOf(part: string, total: string, decimals: number): string {
  const whole = new Big(total);
  if (whole.lte(0)) return new Big(0).toFixed(decimals);
  return new Big(part).times(100).div(whole).round(decimals, Big.roundHalfUp).toFixed(decimals);
}
