import { formatAmount } from "@/lib/balances/format";
import { VALUE_DISPLAY_DECIMALS, type ConnectionSubtotal } from "@/lib/treasury/types";

interface ConnectionTotalsSectionProps {
  connections: readonly ConnectionSubtotal[];
  /** The consolidated total across every connection, once each account is valued. */
  total: string | undefined;
  /** Upper-case valuation currency. */
  currency: string;
}

function Amount({ value, currency }: { value: string | null | undefined; currency: string }) {
  if (value === null || value === undefined) return <span className="text-slate-400 dark:text-slate-500">Not read yet</span>;
  return (
    <data value={value} title={`${value} in ${currency}`} data-exact={value}>
      {formatAmount(value, VALUE_DISPLAY_DECIMALS)}
    </data>
  );
}

/** Each connection's subtotal and the consolidated total across them (shown only with several connections). */
export function ConnectionTotalsSection({ connections, total, currency }: ConnectionTotalsSectionProps) {
  return (
    <section
      aria-labelledby="overview-connections"
      className="rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="overview-connections" className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">
        By connection
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full min-w-max border-collapse text-sm">
          <caption className="sr-only">Value of each connection in {currency}, and the consolidated total</caption>
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Connection
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Accounts
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Value ({currency})
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {connections.map((connection) => (
              <tr key={connection.label} data-connection={connection.label}>
                <th scope="row" className="px-3 py-2 text-left font-semibold">
                  {connection.label}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{connection.accounts}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  <Amount value={connection.total} currency={currency} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 dark:border-slate-700">
            <tr data-connection-total>
              <th scope="row" className="px-3 py-2 text-left font-semibold">
                Consolidated
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{connections.reduce((sum, connection) => sum + connection.accounts, 0)}</td>
              <td className="px-3 py-2 text-right font-semibold tabular-nums">
                <Amount value={total} currency={currency} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
