import "server-only";

/** Balances are held as integers of 10^-19 so that 19 crypto decimals survive arithmetic exactly. */
const UNIT_DECIMALS = 19;
const UNITS_PER_WHOLE = 10n ** BigInt(UNIT_DECIMALS);
const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;

/** Parses non-negative decimal text into scaled units; throws on anything finer than 10^-19. */
export function toUnits(text: string): bigint {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new Error(`Not a non-negative decimal: ${text}`);
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > UNIT_DECIMALS) throw new Error(`More than ${UNIT_DECIMALS} decimals: ${text}`);
  return BigInt(whole) * UNITS_PER_WHOLE + BigInt(fraction.padEnd(UNIT_DECIMALS, "0") || "0");
}

/** Formats units as decimal text, trimming trailing zeros but keeping at least `minDecimals`. */
export function fromUnits(units: bigint, minDecimals: number): string {
  if (units < 0n) throw new Error("Negative balance");
  const whole = units / UNITS_PER_WHOLE;
  let fraction = (units % UNITS_PER_WHOLE).toString().padStart(UNIT_DECIMALS, "0").replace(/0+$/, "");
  if (fraction.length < minDecimals) fraction = fraction.padEnd(minDecimals, "0");
  return fraction.length > 0 ? `${whole}.${fraction}` : whole.toString();
}
