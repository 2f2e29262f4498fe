"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { hasExchangeBalances } from "@/lib/balances/get-accounts";
import { matchAccounts, optionLabel } from "@/lib/balances/account-options";
import type { Account } from "@/lib/balances/types";

interface AccountComboboxProps {
  accounts: readonly Account[];
  value: string | null;
  onChange(account: string): void;
  /** As AccountSelect's: a first option for every account (value ""). */
  allAccountsLabel?: string;
}

const FIELD =
  "w-72 max-w-full rounded-md border border-slate-300 bg-white py-1.5 px-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:focus-visible:outline-sky-400";

/**
 * The account selector for a large group: a WAI-ARIA combobox (an editable input with a listbox
 * popup and list autocomplete). Typing filters by name or id; Down/Up move through the matches
 * (Alt+Down opens), Enter picks, Escape closes and then clears; custody accounts are listed but
 * cannot be picked. The active option is announced through aria-activedescendant, and how many
 * accounts match through a polite status.
 */
export function AccountCombobox({ accounts, value, onChange, allAccountsLabel }: AccountComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const labelId = `${id}-label`;
  const all: Account | null = allAccountsLabel === undefined ? null : { account: "", name: allAccountsLabel, type: "exchange", status: "open" };
  const selected = value === null ? all : accounts.find((account) => account.account === value);
  const selectedText = selected ? (selected === all ? selected.name : optionLabel(selected)) : (value ?? "");
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState<number>(-1);
  const listRef = useRef<HTMLUListElement>(null);

  const matches = query === null ? accounts : matchAccounts(accounts, query);
  const options = all && query === null ? [all, ...matches] : matches;
  const optionId = (index: number) => `${id}-option-${index}`;
  const pickable = (index: number) => options[index] !== undefined && hasExchangeBalances(options[index]);

  const show = (index: number) => {
    setActive(index);
    listRef.current?.querySelector(`#${CSS.escape(optionId(index))}`)?.scrollIntoView({ block: "nearest" });
  };
  const step = (from: number, by: 1 | -1) => {
    for (let index = from + by; index >= 0 && index < options.length; index += by) if (pickable(index)) return index;
    return from;
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
    setQuery(null);
  };
  const pick = (index: number) => {
    const option = options[index];
    if (!option || !pickable(index)) return;
    close();
    onChange(option.account);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          if (!event.altKey) show(step(-1, 1));
        } else show(step(active, 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) setOpen(true);
        show(step(active < 0 ? options.length : active, -1));
        break;
      case "Enter":
        if (open && active >= 0) {
          event.preventDefault();
          pick(active);
        }
        break;
      case "Escape":
        event.preventDefault();
        if (open) close();
        else setQuery(null);
        break;
      case "Tab":
        close();
        break;
    }
  };

  return (
    <div className="relative flex flex-col gap-1">
      <label id={labelId} htmlFor={id} className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
        Account
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search accounts"
        value={query ?? selectedText}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        className={FIELD}
      />
      <p role="status" className="sr-only">
        {open ? `${matches.length} ${matches.length === 1 ? "account matches" : "accounts match"}` : ""}
      </p>
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-labelledby={labelId}
        hidden={!open}
        className="absolute top-full z-20 mt-1 max-h-72 w-96 max-w-[90vw] overflow-y-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg dark:border-slate-600 dark:bg-slate-800"
      >
        {options.map((account, index) => {
          const disabled = !pickable(index);
          return (
            <li
              key={account.account || "all"}
              id={optionId(index)}
              role="option"
              aria-selected={account.account === (value ?? "")}
              aria-disabled={disabled || undefined}
              data-account={account.account}
              // Keeps focus in the input, so the click does not blur (and close) first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(index)}
              onMouseMove={() => !disabled && active !== index && setActive(index)}
              className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-sky-100 text-slate-900 dark:bg-sky-900 dark:text-white" : "text-slate-900 dark:text-slate-100"} ${disabled ? "cursor-not-allowed text-slate-500 dark:text-slate-400" : ""}`}
            >
              {account === all ? account.name : optionLabel(account)}
            </li>
          );
        })}
        {options.length === 0 && <li className="px-3 py-1.5 text-slate-600 dark:text-slate-300">No account matches</li>}
      </ul>
    </div>
  );
}
