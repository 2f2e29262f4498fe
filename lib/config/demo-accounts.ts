/** DEMO_ACCOUNTS: the demo group's size, its five named accounts included. */
export const MIN_DEMO_ACCOUNTS = 5;
/** Four pages of Gemini's account list; past this a demo group only slows the demo down. */
export const MAX_DEMO_ACCOUNTS = 2_000;
