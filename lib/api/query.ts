import { z } from "zod";

/** A route's query: a zod object of its parameters, each turning the raw string into its value. */
export type QuerySchema = z.ZodObject;

/** A route that takes no parameters at all. */
export const noParameters = z.strictObject({});

export type QueryParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads a query strictly: unknown or repeated parameters are errors, not ignored. */
export function parseQuery<S extends QuerySchema>(params: URLSearchParams, schema: S): QueryParseResult<z.output<S>> {
  const entries: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in entries) return { ok: false, message: `${name} may be given only once` };
    entries[name] = value;
  }
  // strict() only refuses unknown keys: the output is the schema's own.
  const result = schema.strict().safeParse(entries) as z.ZodSafeParseResult<z.output<S>>;
  if (!result.success) {
    const issue = result.error.issues[0];
    const message =
      issue?.code === "unrecognized_keys"
        ? `unknown parameter ${issue.keys.join(", ")}: only ${listNames(Object.keys(schema.shape))} accepted`
        : (issue?.message ?? "invalid query");
    return { ok: false, message };
  }
  return { ok: true, value: result.data };
}

function listNames(names: string[]): string {
  if (names.length === 0) return "no parameters are";
  if (names.length === 1) return `${names[0]} is`;
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are`;
}
