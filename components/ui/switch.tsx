import type { ReactNode } from "react";

interface SwitchProps {
  checked: boolean;
  onChange(checked: boolean): void;
  /** The visible text; it is also the switch's accessible name. */
  children: ReactNode;
}

/** An on/off switch: a button with role="switch", operable with Space and Enter. */
export function Switch({ checked, onChange, children }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
      className="group inline-flex items-center gap-2 rounded-md py-1 text-sm text-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:text-slate-200 dark:focus-visible:outline-sky-400"
    >
      <span
        aria-hidden="true"
        className="relative inline-flex h-5 w-9 shrink-0 items-center rounded-full bg-slate-300 transition-colors group-aria-checked:bg-sky-700 dark:bg-slate-600 dark:group-aria-checked:bg-sky-500"
      >
        <span className="inline-block size-4 translate-x-0.5 rounded-full bg-white shadow-sm transition-transform group-aria-checked:translate-x-4.5" />
      </span>
      <span className="whitespace-nowrap">{children}</span>
    </button>
  );
}
