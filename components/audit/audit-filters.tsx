import type { AuditFilters } from "@/lib/audit/query";
import { toPickerValue } from "@/lib/history/as-of";

const LABEL = "text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-300";
const FIELD =
  "h-9 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:[color-scheme:dark] dark:focus-visible:outline-sky-400";
const BUTTON =
  "h-9 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400";

interface AuditFiltersFormProps {
  filters: AuditFilters;
  /** The event names recorded so far. */
  eventNames: readonly string[];
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** A plain GET form: the address holds the filters, so a filtered view can be bookmarked or shared. */
export function AuditFiltersForm({ filters, eventNames }: AuditFiltersFormProps) {
  const events = filters.event && !eventNames.includes(filters.event) ? [...eventNames, filters.event] : eventNames;
  return (
    <form method="get" action="/audit" aria-label="Filter the audit trail" className="flex flex-wrap items-end gap-3" data-testid="audit-filters">
      <Field id="audit-user" label="User">
        <input id="audit-user" name="user" type="text" defaultValue={filters.user ?? ""} autoComplete="off" className={`${FIELD} w-36`} />
      </Field>
      <Field id="audit-event" label="Event">
        <select id="audit-event" name="event" defaultValue={filters.event ?? ""} className={FIELD}>
          <option value="">Any event</option>
          {events.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="audit-account" label="Account">
        <input id="audit-account" name="account" type="text" defaultValue={filters.account ?? ""} autoComplete="off" className={`${FIELD} w-36`} />
      </Field>
      <Field id="audit-from" label="From (UTC)">
        <input id="audit-from" name="from" type="datetime-local" step={60} defaultValue={toPickerValue(filters.from?.toISOString() ?? null)} className={FIELD} />
      </Field>
      <Field id="audit-to" label="To (UTC)">
        <input id="audit-to" name="to" type="datetime-local" step={60} defaultValue={toPickerValue(filters.to?.toISOString() ?? null)} className={FIELD} />
      </Field>
      <button type="submit" className={BUTTON}>
        Apply filters
      </button>
      <a href="/audit" className="py-1.5 text-sm font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
        Clear filters
      </a>
    </form>
  );
}
