import Big from "big.js";

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/**
 * Floors an exact decimal string to `decimals` places (towards minus infinity: never shows more
 * than is there) and returns it with that many decimals, as text. Big.js works on the digits.
 */
export function floorDecimal(value: string, decimals: number): string {
  const exact = new Big(value);
  // Big.roundDown truncates towards zero; for a negative number flooring means away from it.
  const mode = exact.lt(0) ? Big.roundUp : Big.roundDown;
  const floored = exact.round(decimals, mode);
  // "-0.00" would read as a negative balance that is not there.
  return (floored.eq(0) ? new Big(0) : floored).toFixed(decimals);
}

/** Groups the whole part in threes: "12345678.91" -> "12,345,678.91". */
export function groupThousands(decimal: string): string {
  const negative = decimal.startsWith("-");
  const [whole = "", fraction] = (negative ? decimal.slice(1) : decimal).split(".");
  const grouped = whole.replace(THOUSANDS, ",");
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** What a cell shows: floored to the precision, grouped in thousands. */
export function formatAmount(value: string, decimals: number): string {
  return groupThousands(floorDecimal(value, decimals));
}

export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  return new Big(a).cmp(new Big(b)) as -1 | 0 | 1;
}

export function isZero(value: string | undefined): boolean {
  return value === undefined || new Big(value).eq(0);
}
