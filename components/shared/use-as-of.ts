import { pushAddressSearch, useAddressSearch } from "@/components/shared/use-address-search";
import { asOfSearch, readAsOf } from "@/lib/history/as-of";

/** The `?at=` of the address (null = live), and a way to change it that keeps the other parameters. */
export function useAsOf(serverSearch: string): { at: string | null; search: string; setAt(at: string | null): void } {
  const search = useAddressSearch(serverSearch);
  const at = readAsOf(new URLSearchParams(search));
  return { at, search, setAt: (next) => pushAddressSearch(asOfSearch(window.location.search, next)) };
}
