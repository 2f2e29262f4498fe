import { port } from "../../e2e/support/servers";

/** Bench ports sit apart from the e2e suite's, shifted by the same E2E_PORT_OFFSET. */
export const BENCH = { app: port(3300), exchange: port(4300), bareApp: port(3301) } as const;
