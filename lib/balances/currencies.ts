/**
 * The one table of currencies the dashboard knows: name and display precision.
 *
 * Precision is the decimals Gemini itself deals in for that currency: 2 for fiat, and for crypto
 * the order increment of its USD pair on Gemini's "Symbols and minimums" list (BTC 1e-8, most
 * others 1e-6, LTC 1e-5). GUSD is a 2-decimal token. Anything not listed shows 8 decimals.
 * Balances are floored to this precision for display; the exact value is always one focus away.
 */
export interface CurrencyInfo {
  name: string;
  decimals: number;
}

const FIAT_DECIMALS = 2;
const UNKNOWN_CURRENCY_DECIMALS = 8;

const fiat = (name: string): CurrencyInfo => ({ name, decimals: FIAT_DECIMALS });
const crypto = (name: string, decimals: number): CurrencyInfo => ({ name, decimals });

const CURRENCIES: Readonly<Record<string, CurrencyInfo>> = {
  USD: fiat("US Dollar"),
  EUR: fiat("Euro"),
  GBP: fiat("British Pound"),
  SGD: fiat("Singapore Dollar"),
  CAD: fiat("Canadian Dollar"),
  AUD: fiat("Australian Dollar"),
  HKD: fiat("Hong Kong Dollar"),
  CHF: fiat("Swiss Franc"),
  BTC: crypto("Bitcoin", 8),
  ETH: crypto("Ether", 6),
  SOL: crypto("Solana", 6),
  USDC: crypto("USD Coin", 6),
  USDT: crypto("Tether", 6),
  GUSD: crypto("Gemini Dollar", 2),
  LINK: crypto("Chainlink", 6),
  DOGE: crypto("Dogecoin", 6),
  LTC: crypto("Litecoin", 5),
  BCH: crypto("Bitcoin Cash", 6),
  ZEC: crypto("Zcash", 6),
  FIL: crypto("Filecoin", 6),
  AVAX: crypto("Avalanche", 6),
  DOT: crypto("Polkadot", 6),
  MATIC: crypto("Polygon", 6),
  UNI: crypto("Uniswap", 6),
  AAVE: crypto("Aave", 6),
  XRP: crypto("XRP", 6),
  PAXG: crypto("PAX Gold", 8),
};

/** The currency's entry, or its code as name and 8 decimals when the table does not know it. */
export function currencyInfo(code: string): CurrencyInfo {
  return CURRENCIES[code.toUpperCase()] ?? { name: code.toUpperCase(), decimals: UNKNOWN_CURRENCY_DECIMALS };
}
