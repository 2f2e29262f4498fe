import type { ReactNode } from "react";
import { ALL_CONNECTIONS } from "@/lib/config/connection-label";

interface ConnectionSelectProps {
  /** Every connection's label, the default first. */
  connections: readonly string[];
  /** The connection in the address; null: the default (first) one. */
  value: string | null;
  onChange(connection: string): void;
  /** Offers every connection at once (`all`) under this label, first: history sums them. */
  allConnectionsLabel?: string;
  /** The account selector of the chosen connection, grouped with it. */
  children?: ReactNode;
}

/**
 * Which Gemini key (connection) the view reads, with that connection's account selector inside
 * the same group. A native select: keyboard and screen readers work as everywhere else.
 */
export function ConnectionSelect({ connections, value, onChange, allConnectionsLabel, children }: ConnectionSelectProps) {
  const all = allConnectionsLabel !== undefined && value === ALL_CONNECTIONS;
  const known = value === null || all || connections.includes(value);
  return (
    <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-2 rounded-md border border-slate-200 px-3 pt-1 pb-2 dark:border-slate-700">
      <legend className="px-1 text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Gemini key</legend>
      <div className="flex flex-col gap-1">
        <label htmlFor="connection-select" className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Connection
        </label>
        <select
          id="connection-select"
          value={value ?? connections[0] ?? ""}
          onChange={(event) => onChange(event.target.value)}
          className="w-48 max-w-full rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:focus-visible:outline-sky-400"
        >
          {allConnectionsLabel !== undefined && <option value={ALL_CONNECTIONS}>{allConnectionsLabel}</option>}
          {!known && value !== null && <option value={value}>{value} · not configured</option>}
          {connections.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {children}
    </fieldset>
  );
}
