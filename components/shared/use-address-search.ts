import { useSyncExternalStore } from "react";

/** Fired after the dashboard pushes a new address, which (unlike back and forward) sends no popstate. */
const ADDRESS_CHANGE = "dashboard:address-change";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(ADDRESS_CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(ADDRESS_CHANGE, onChange);
  };
}

const currentSearch = () => window.location.search;

/**
 * The address's query string, following pushes, back and forward directly from the browser (not
 * through the router, which may not be listening yet right after a back to a reloaded page).
 * `serverSearch` is what the server rendered, so hydration matches.
 */
export function useAddressSearch(serverSearch: string): string {
  return useSyncExternalStore(subscribe, currentSearch, () => serverSearch);
}

/**
 * A new history entry for this query string, without a server round trip. State null: Next's
 * router then records the entry as its own, and keeps its idea of the current URL in step.
 */
export function pushAddressSearch(search: string): void {
  window.history.pushState(null, "", `${window.location.pathname}${search}`);
  window.dispatchEvent(new Event(ADDRESS_CHANGE));
}
