import "server-only";
import Big from "big.js";
import { isLosslessNumber, LosslessNumber, parse, stringify } from "lossless-json";
import { z } from "zod";

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const JSON_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const NANOSECOND_INTEGER = /^\d{1,30}$/;
const WHOLE_NUMBER = /^\d{1,30}$/;
// ISO-8601 with optional fraction and a zone, as Gemini's newer spec sends `_timestamp`.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses JSON keeping every number as its exact text (a LosslessNumber), never a JS float. */
export function parseLossless(text: string): unknown {
  return parse(text);
}

/** Serialises JSON; LosslessNumber values are written as the raw number text they hold. */
export function stringifyLossless(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError("value cannot be serialised as JSON");
  return text;
}

function numberText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (isLosslessNumber(value)) return value.value;
  return undefined;
}

/**
 * An exact decimal, sent by Gemini as a JSON string or a JSON number, as plain decimal text.
 * Exponent notation (legal JSON) is expanded exactly; the digits are otherwise kept as sent.
 */
export const exactDecimal = z.unknown().transform((value, ctx) => {
  const text = numberText(value);
  if (text === undefined || !JSON_NUMBER.test(text)) {
    ctx.addIssue({ code: "custom", message: "expected a decimal number" });
    return z.NEVER;
  }
  return PLAIN_DECIMAL.test(text) ? text : new Big(text).toFixed();
});

/** Gemini's `_timestamp`: integer nanoseconds (beyond 2^53) or an ISO-8601 string, kept verbatim. */
export const exactTimestamp = z.unknown().transform((value, ctx) => {
  const text = numberText(value);
  if (text === undefined || !(NANOSECOND_INTEGER.test(text) || ISO_TIMESTAMP.test(text))) {
    ctx.addIssue({ code: "custom", message: "expected integer nanoseconds or an ISO-8601 timestamp" });
    return z.NEVER;
  }
  return text;
});

/** A non-negative whole number (Gemini's `created` milliseconds), kept as its digits. */
export const exactWholeNumber = z.unknown().transform((value, ctx) => {
  const text = numberText(value);
  if (text === undefined || !WHOLE_NUMBER.test(text)) {
    ctx.addIssue({ code: "custom", message: "expected a whole number" });
    return z.NEVER;
  }
  return text;
});

/** Digits to send as a raw JSON number, never through a JS float. */
export function wholeNumberParam(digits: bigint): LosslessNumber {
  return new LosslessNumber(digits.toString());
}
