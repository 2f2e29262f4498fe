import "server-only";

export { extraAccountsFor } from "./data";
export { createDemoExchange, type DemoExchange, type DemoExchangeOptions } from "./exchange";
export {
  DEMO_ACCOUNT_KEY,
  DEMO_ACCOUNT_SECRET,
  DEMO_MASTER_KEY,
  DEMO_MASTER_SECRET,
  demoConnectionKey,
} from "./credentials";
export { type Latency } from "./control";
export { DemoConnectionRefused, FAULT_KINDS, type ActiveFault, type FaultKind, type FaultSpec } from "./faults";
export type { DemoStats, RecordedRequest } from "./recorder";
export type { Roles } from "./endpoints";
export { startDemoExchangeServer, type DemoExchangeServer } from "./server";
