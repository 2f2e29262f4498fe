/** Says plainly that the figures are simulated. */
export function DemoBadge() {
  return (
    <span
      title="Balances come from the built-in demo exchange, not from Gemini."
      className="rounded-full border border-amber-300 bg-amber-50 px-2.5 py-0.5 text-xs font-semibold tracking-wide text-amber-900 uppercase dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      Demo data
    </span>
  );
}
