/**
 * A fresh demo start on the production build, as a new user gets it: the seeded history makes the
 * demo's "Large payroll withdrawal" rule fire, and that event reaches the built-in demo receiver,
 * signed and verified, with nobody clicking anything. The receiver must exist before the seeded
 * rules are checked: a destination only gets events recorded after it was added.
 */
import { expect, test } from "@playwright/test";
import type { DeliveriesResponse, DemoReceiptsResponse, DestinationsResponse } from "../lib/alerts/delivery/types";
import type { AlertEventsResponse } from "../lib/alerts/types";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

/** PGlite's first initdb plus the demo's 90 seeded days, on two shared cores. */
const WARM_UP_MS = 240_000;
/** A schedule as a real start has one (the store opens and the delivery worker polls from the start) that never comes due during the test. */
const YEARLY = "0 0 1 1 *";

let exchange: Running;
let app: Running;

async function get<T>(pathname: string): Promise<T> {
  const response = await fetch(`${app.url}${pathname}`);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as T;
}

test.beforeAll(async () => {
  test.setTimeout(WARM_UP_MS + 60_000);
  exchange = await startExchange(["--no-drift"]);
  app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, DEMO_HISTORY: "on", SNAPSHOT_SCHEDULE: YEARLY } });
});

test.afterAll(async () => {
  await stopAll([app, exchange]);
});

test("the demo's firing rule is delivered to the built-in receiver on a fresh start, verified", async () => {
  test.setTimeout(WARM_UP_MS + 60_000);
  // Nothing here kicks the worker: the delivery comes from the start alone.
  await expect(async () => {
    const { events } = await get<AlertEventsResponse>("/api/alerts/events");
    const fired = events.find((event) => event.ruleName === "Large payroll withdrawal" && event.kind === "fired");
    expect(fired, "the demo rule fired against the seeded history").toBeDefined();
    const { receipts } = await get<DemoReceiptsResponse>("/api/alerts/demo-receiver");
    const receipt = receipts.find((found) => found.eventId === fired!.id);
    expect(receipt, "the demo receiver got it").toBeDefined();
    expect(receipt).toMatchObject({ signatureValid: true });
    expect(JSON.parse(receipt!.body)).toMatchObject({ id: fired!.id, type: "alert.fired", rule: { name: "Large payroll withdrawal" } });
  }).toPass({ timeout: WARM_UP_MS, intervals: [1_000] });

  const { destinations } = await get<DestinationsResponse>("/api/alerts/destinations");
  const builtin = destinations.find((destination) => destination.builtin)!;
  const { deliveries } = await get<DeliveriesResponse>(`/api/alerts/deliveries?destination=${builtin.id}`);
  expect(deliveries.filter((delivery) => delivery.ruleName === "Large payroll withdrawal").map((delivery) => [delivery.status, delivery.attempts])).toEqual([["delivered", 1]]);
});
