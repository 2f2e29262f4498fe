/** Exact decimal arithmetic on Gemini's decimal strings (big.js), client-safe. Never a JS float for money. */
import Big from "big.js";

const FRACTION = /\.(\d+)$/;
/** Digits kept when dividing for a share of a total; only chart geometry and percentages use it. */
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

/** Floors (towards minus infinity, never up) to `decimals` places, padded: floorDecimal("0.129", 2) = "0.12". */
export function floorDecimal(value: string, decimals: number): string {
  const exact = new Big(value);
  const truncated = exact.round(decimals, Big.roundDown);
  const floored = exact.lt(truncated) ? truncated.minus(new Big(1).div(new Big(10).pow(decimals))) : truncated;
  return floored.toFixed(decimals);
}

/** "1234567.5" -> "1,234,567.5", on the text alone. */
export function groupThousands(value: string): string {
  const [whole = "", fraction] = value.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** Floored and grouped for display, e.g. formatFloored("12345.678", 2) = "12,345.67". */
export function formatFloored(value: string, decimals: number): string {
  return groupThousands(floorDecimal(value, decimals));
}

export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  return new Big(a).cmp(b) as -1 | 0 | 1;
}

export function isZero(value: string): boolean {
  return new Big(value).eq(0);
}

/** part / total as a plain number for chart geometry and percentages; 0 when the total is not positive. */
export function shareOf(part: string, total: string): number {
  const whole = new Big(total);
  if (whole.lte(0)) return 0;
  return Number(new Big(part).div(whole).toFixed(SHARE_DECIMALS));
}

/** part / total as a percentage text with `decimals` places, rounded half up: "41.2". "0" when the total is not positive. */
export function percentOf(part: string, total: string, decimals: number): string {
  const whole = new Big(total);
  if (whole.lte(0)) return new Big(0).toFixed(decimals);
  return new Big(part).times(100).div(whole).round(decimals, Big.roundHalfUp).toFixed(decimals);
}
