/**
 * Delivery against real stores (PGlite and PostgreSQL) and a real HTTP receiver that checks every
 * signature: once, in order, retried through an outage, not retried on 4xx, 429 honoured, never
 * sent twice by two workers, picked up after a restart, and nothing sent to a refused address.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryStore, type Destination } from "@/lib/store";
import { openDatabase, type OpenDatabase } from "@/lib/store/open";
import { alertEvents } from "@/lib/store/schema";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines, type Engine } from "@/testkit/store-engines";
import { startReceiver, type WebhookReceiver } from "@/testkit/webhook-receiver";
import { DeliveryWorker, LEASE_MS } from "./delivery-worker";
import type { Resolve } from "./destination-url";
import { FIRST_RETRY_DELAY_MS } from "./retry-policy";
import type { SendDeps } from "./send";
import { pinnedTransport, type Transport } from "./transport";

const { freshLocation } = useStoreEngines();
const SECRET = "whsec_delivery-test-secret-0123456789";
const T0 = Date.parse("2026-12-01T12:00:00Z");

interface Clock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
}

function testClock(start = T0): Clock {
  let now = start;
  return {
    nowMs: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

const opened: OpenDatabase[] = [];
const receivers: WebhookReceiver[] = [];

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  await Promise.all(opened.splice(0).map((database) => database.close()));
});

async function open(location: Parameters<typeof openDatabase>[0]): Promise<{ database: OpenDatabase; store: DeliveryStore }> {
  const database = await openDatabase(location);
  opened.push(database);
  return { database, store: new DeliveryStore(database.db) };
}

async function receiver(options: Parameters<typeof startReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startReceiver(options);
  receivers.push(started);
  return started;
}

/** What alerts-core does: one row in alert_events. */
async function recordEvent(database: OpenDatabase, occurredAtMs: number, recordedAtMs: number, summary = "USD in primary fell below 250000.00"): Promise<string> {
  const id = randomUUID();
  await database.db.insert(alertEvents).values({
    id,
    ruleId: 7,
    ruleName: "Payroll floor",
    kind: "fired",
    occurredAt: new Date(occurredAtMs),
    snapshotId: 42,
    summary,
    details: { currency: "USD", account: "primary", threshold: "250000.00", amount: "249999.99" },
    connectionLabel: "Demo exchange",
    recordedAt: new Date(recordedAtMs),
  });
  return id;
}

function sendDeps(clock: Clock, overrides: Partial<SendDeps> = {}): SendDeps {
  return {
    allowPrivate: true,
    resolve: () => Promise.reject(new Error("no DNS in this test")),
    transport: pinnedTransport,
    nowMs: clock.nowMs,
    builtinUrl: () => "http://127.0.0.1:9/never",
    ...overrides,
  };
}

function worker(store: DeliveryStore, clock: Clock, workerId = "worker-a", send: Partial<SendDeps> = {}): DeliveryWorker {
  // random() = 0.5: the backoff is exactly 3/4 of its exponential step.
  return new DeliveryWorker({ store, clock, workerId, random: () => 0.5, send: sendDeps(clock, send) });
}

async function webhook(store: DeliveryStore, url: string, clock: Clock, name = "Treasury receiver"): Promise<Destination> {
  return store.createDestination({ name, kind: "webhook", url, secret: SECRET }, new Date(clock.nowMs()));
}

describe.each(ENGINES)("alert delivery on %s", (engine: Engine) => {
  it(
    "delivers a new event once, signed, with the event id as idempotency key; the log says so",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      const destination = await webhook(store, target.url, clock);
      clock.advance(1_000);
      const eventId = await recordEvent(database, clock.nowMs() - 500, clock.nowMs());
      const sender = worker(store, clock);

      expect(await sender.drain()).toBe(1);
      expect(await sender.drain()).toBe(0);
      clock.advance(LEASE_MS * 10);
      expect(await sender.drain()).toBe(0);

      expect(target.received).toHaveLength(1);
      const [got] = target.received;
      expect(got).toMatchObject({ eventId, attempt: "1", signatureOk: true });
      expect(got!.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(got!.body)).toEqual({
        id: eventId,
        type: "alert.fired",
        occurredAt: new Date(clock.nowMs() - LEASE_MS * 10 - 500).toISOString(),
        rule: { id: 7, name: "Payroll floor" },
        summary: "USD in primary fell below 250000.00",
        details: { currency: "USD", account: "primary", threshold: "250000.00", amount: "249999.99" },
        snapshotId: 42,
        connection: "Demo exchange",
      });
      const [logged] = await store.deliveryLog({ destinationId: destination.id, limit: 10 });
      expect(logged).toMatchObject({ eventId, status: "delivered", attempts: 1, lastStatusCode: 200, nextAttemptAt: null });
      expect(logged!.attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, outcome: "delivered", error: null })]);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "queues only events recorded since the destination was added (or enabled again), and none for a paused one",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      await recordEvent(database, clock.nowMs() - 2_000, clock.nowMs() - 1_000, "before the destination");
      const destination = await webhook(store, target.url, clock);
      await store.updateDestination(destination.id, { enabled: false }, new Date(clock.nowMs()));
      clock.advance(1_000);
      await recordEvent(database, clock.nowMs(), clock.nowMs(), "while paused");
      clock.advance(1_000);
      await store.updateDestination(destination.id, { enabled: true }, new Date(clock.nowMs()));
      const after = await recordEvent(database, clock.nowMs(), clock.nowMs(), "after");

      expect(await store.fanOut(new Date(clock.nowMs()))).toBe(1);
      expect(await store.fanOut(new Date(clock.nowMs()))).toBe(0);
      await worker(store, clock).drain();
      expect(target.received.map((got) => got.eventId)).toEqual([after]);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "receiver down, then up: retries with backoff, then delivers each event once, in event-time order",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs, startDown: true });
      const destination = await webhook(store, target.url, clock);
      clock.advance(1_000);
      // Recorded out of order: delivery follows occurred_at, not recording order.
      const third = await recordEvent(database, T0 + 300, clock.nowMs(), "third");
      const first = await recordEvent(database, T0 + 100, clock.nowMs(), "first");
      const second = await recordEvent(database, T0 + 200, clock.nowMs(), "second");
      const sender = worker(store, clock);

      // Down: only the first event is tried (the others wait behind it), and it fails.
      expect(await sender.drain()).toBe(1);
      let [head] = await store.deliveryLog({ eventId: first, limit: 1 });
      expect(head).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
      expect(head!.lastError).toMatch(/ECONNREFUSED/);
      const firstRetryMs = (FIRST_RETRY_DELAY_MS * 3) / 4;
      expect(head!.nextAttemptAt!.getTime()).toBe(clock.nowMs() + firstRetryMs);
      // Not due yet: nothing is sent.
      clock.advance(firstRetryMs - 1);
      expect(await sender.drain()).toBe(0);
      // Due, still down: second failure, the wait doubles.
      clock.advance(1);
      expect(await sender.drain()).toBe(1);
      [head] = await store.deliveryLog({ eventId: first, limit: 1 });
      expect(head).toMatchObject({ status: "failed", attempts: 2 });
      expect(head!.nextAttemptAt!.getTime()).toBe(clock.nowMs() + firstRetryMs * 2);

      await target.up();
      clock.advance(firstRetryMs * 2);
      expect(await sender.drain()).toBe(3);
      clock.advance(LEASE_MS * 100);
      expect(await sender.drain()).toBe(0);

      expect(target.received.map((got) => got.eventId)).toEqual([first, second, third]);
      expect(target.received.every((got) => got.signatureOk)).toBe(true);
      const log = await store.deliveryLog({ destinationId: destination.id, limit: 10 });
      expect(log.map((row) => [row.eventId, row.status, row.attempts])).toEqual([
        [third, "delivered", 1],
        [second, "delivered", 1],
        [first, "delivered", 3],
      ]);
      expect(log[2]!.attemptLog.map((attempt) => attempt.outcome)).toEqual(["retry", "retry", "delivered"]);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "does not retry a 4xx (and the next event is not held up by it); retries a 5xx",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      await webhook(store, target.url, clock);
      clock.advance(1_000);
      const refused = await recordEvent(database, T0 + 100, clock.nowMs());
      const next = await recordEvent(database, T0 + 200, clock.nowMs());
      target.answerWith({ status: 422, body: "unknown rule" }, { status: 503 });
      const sender = worker(store, clock);

      await sender.drain();
      const [gaveUp] = await store.deliveryLog({ eventId: refused, limit: 1 });
      expect(gaveUp).toMatchObject({ status: "gave_up", attempts: 1, lastStatusCode: 422, nextAttemptAt: null });
      expect(gaveUp!.lastError).toContain("unknown rule");
      let [retried] = await store.deliveryLog({ eventId: next, limit: 1 });
      expect(retried).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 503 });

      clock.advance(24 * 60 * 60 * 1000);
      await sender.drain();
      [retried] = await store.deliveryLog({ eventId: next, limit: 1 });
      expect(retried).toMatchObject({ status: "delivered", attempts: 2 });
      expect(target.received.map((got) => got.eventId)).toEqual([refused, next, next]);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "retries a 429 no sooner than its Retry-After",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      await webhook(store, target.url, clock);
      clock.advance(1_000);
      const eventId = await recordEvent(database, clock.nowMs(), clock.nowMs());
      target.answerWith({ status: 429, headers: { "retry-after": "120" } });
      const sender = worker(store, clock);

      await sender.drain();
      const [limited] = await store.deliveryLog({ eventId, limit: 1 });
      expect(limited).toMatchObject({ status: "failed", lastStatusCode: 429 });
      expect(limited!.nextAttemptAt!.getTime()).toBe(clock.nowMs() + 120_000);
      clock.advance(119_999);
      expect(await sender.drain()).toBe(0);
      clock.advance(1);
      expect(await sender.drain()).toBe(1);
      expect(target.received.map((got) => got.attempt)).toEqual(["1", "2"]);
      expect((await store.deliveryLog({ eventId, limit: 1 }))[0]).toMatchObject({ status: "delivered", attempts: 2 });
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "two workers on one store, racing, never send one delivery twice",
    async () => {
      const clock = testClock();
      const location = await freshLocation(engine);
      const a = await open(location);
      // PostgreSQL: a second pool, as a second instance has. PGlite serves one process: two workers share it.
      const b = engine === "postgres" ? await open(location) : a;
      const receiversByName = await Promise.all(
        ["one", "two", "three"].map(async (name) => ({ name, target: await receiver({ secret: SECRET, nowMs: clock.nowMs, delayMs: 5 }) })),
      );
      for (const { name, target } of receiversByName) await webhook(a.store, target.url, clock, name);
      clock.advance(1_000);
      const events: string[] = [];
      for (let i = 0; i < 8; i += 1) events.push(await recordEvent(a.database, T0 + i, clock.nowMs(), `event ${i}`));

      await Promise.all([worker(a.store, clock, "worker-a").drain(), worker(b.store, clock, "worker-b").drain(), worker(a.store, clock, "worker-c").drain()]);

      for (const { target } of receiversByName) {
        expect(target.received.map((got) => got.eventId)).toEqual(events);
        expect(target.received.every((got) => got.signatureOk && got.attempt === "1")).toBe(true);
      }
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "a delivery claimed by a worker that died is another's only once the lease has run out",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      await webhook(store, target.url, clock);
      clock.advance(1_000);
      const eventId = await recordEvent(database, clock.nowMs(), clock.nowMs());
      await store.fanOut(new Date(clock.nowMs()));
      // Worker A claims, then dies before sending.
      expect(await store.claimDue(new Date(clock.nowMs()), "worker-a", LEASE_MS, 10)).toHaveLength(1);
      const survivor = worker(store, clock, "worker-b");
      clock.advance(LEASE_MS - 1);
      expect(await survivor.drain()).toBe(0);
      clock.advance(1);
      expect(await survivor.drain()).toBe(1);
      expect(target.received.map((got) => got.eventId)).toEqual([eventId]);
      // A's late outcome no longer changes the delivery B settled.
      expect(
        await store.recordAttempt({
          deliveryId: (await store.deliveryLog({ eventId, limit: 1 }))[0]!.id,
          attempt: 1,
          worker: "worker-a",
          startedAt: new Date(clock.nowMs()),
          durationMs: 1,
          statusCode: null,
          error: "late",
          outcome: "retry",
          nextAttemptAt: new Date(clock.nowMs() + 1_000),
          finishedAt: new Date(clock.nowMs()),
        }),
      ).toBe(false);
      expect((await store.deliveryLog({ eventId, limit: 1 }))[0]).toMatchObject({ status: "delivered" });
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "a restart mid-retry: the queue is in the store, a new worker on the reopened store delivers it once",
    async () => {
      const clock = testClock();
      const location = await freshLocation(engine);
      const before = await open(location);
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs, startDown: true });
      await webhook(before.store, target.url, clock);
      clock.advance(1_000);
      const eventId = await recordEvent(before.database, clock.nowMs(), clock.nowMs());
      await worker(before.store, clock, "before-restart").drain();
      expect((await before.store.deliveryLog({ eventId, limit: 1 }))[0]).toMatchObject({ status: "failed", attempts: 1 });
      await before.database.close();
      opened.splice(opened.indexOf(before.database), 1);

      const after = await open(location);
      await target.up();
      clock.advance(60 * 60 * 1000);
      expect(await worker(after.store, clock, "after-restart").drain()).toBe(1);
      expect(await worker(after.store, clock, "after-restart").drain()).toBe(0);
      expect(target.received.map((got) => [got.eventId, got.attempt])).toEqual([[eventId, "2"]]);
      expect((await after.store.deliveryLog({ eventId, limit: 1 }))[0]).toMatchObject({ status: "delivered", attempts: 2 });
    },
    ENGINE_TIMEOUT_MS,
  );
});

describe("sending: formats and the address check at send time", () => {
  const engine: Engine = "pglite";

  it(
    "Slack gets {text, blocks} with mrkdwn escaped and no signature",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: null });
      await store.createDestination({ name: "Slack", kind: "slack", url: target.url, secret: null }, new Date(clock.nowMs()));
      clock.advance(1_000);
      await recordEvent(database, clock.nowMs(), clock.nowMs(), "BTC <primary> & ops fell below 1.5");
      await worker(store, clock).drain();
      const [got] = target.received;
      expect(got!.headers["x-treasury-signature"]).toBeUndefined();
      const body = JSON.parse(got!.body) as { text: string; blocks: { type: string }[] };
      expect(body.text).toBe(":rotating_light: Alert fired: Payroll floor: BTC &lt;primary&gt; &amp; ops fell below 1.5");
      expect(body.blocks.map((block) => block.type)).toEqual(["section", "section", "context"]);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "a test event goes to its one destination only",
    async () => {
      const clock = testClock();
      const { store } = await open(await freshLocation(engine));
      const one = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      const two = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      const destination = await webhook(store, one.url, clock, "one");
      await webhook(store, two.url, clock, "two");
      const eventId = await store.recordTestEvent(destination, "Demo exchange", new Date(clock.nowMs()));
      await worker(store, clock).drain();
      expect(one.received.map((got) => got.eventId)).toEqual([eventId]);
      expect(JSON.parse(one.received[0]!.body)).toMatchObject({ type: "alert.test", rule: { id: null, name: "Test event" } });
      expect(two.received).toEqual([]);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "refuses at send time a name that now resolves to a private address (DNS rebinding): nothing sent, gave up",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const sent: string[] = [];
      const spy: Transport = async ({ url }) => {
        sent.push(url.href);
        return { status: 200, retryAfter: null, bodySnippet: "" };
      };
      // Public when saved; rebinding to the metadata address by the time it is sent.
      const resolve: Resolve = async () => [{ address: "169.254.169.254", family: 4 }];
      await store.createDestination({ name: "Rebinder", kind: "webhook", url: "https://hooks.rebind.example/x", secret: SECRET }, new Date(clock.nowMs()));
      clock.advance(1_000);
      const eventId = await recordEvent(database, clock.nowMs(), clock.nowMs());
      await worker(store, clock, "worker-a", { allowPrivate: false, resolve, transport: spy }).drain();
      expect(sent).toEqual([]);
      const [row] = await store.deliveryLog({ eventId, limit: 1 });
      expect(row).toMatchObject({ status: "gave_up", attempts: 1, lastStatusCode: null });
      expect(row!.lastError).toBe("hooks.rebind.example resolves to 169.254.169.254 is a link-local address.");
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "connects to the address it checked, not to what the system resolver says",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      // Listens on 127.0.0.2 only; the system resolves localhost to 127.0.0.1, where nothing listens on this port.
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs, host: "127.0.0.2" });
      const resolve: Resolve = async (hostname) => (hostname === "localhost" ? [{ address: "127.0.0.2", family: 4 }] : []);
      await webhook(store, `http://localhost:${target.port}/hook`, clock);
      clock.advance(1_000);
      const eventId = await recordEvent(database, clock.nowMs(), clock.nowMs());
      await worker(store, clock, "worker-a", { resolve }).drain();
      expect(target.received.map((got) => [got.eventId, got.signatureOk])).toEqual([[eventId, true]]);
    },
    ENGINE_TIMEOUT_MS,
  );

  it(
    "without ALERTS_ALLOW_PRIVATE a loopback receiver is refused at send time too",
    async () => {
      const clock = testClock();
      const { database, store } = await open(await freshLocation(engine));
      const target = await receiver({ secret: SECRET, nowMs: clock.nowMs });
      await webhook(store, target.url, clock);
      clock.advance(1_000);
      const eventId = await recordEvent(database, clock.nowMs(), clock.nowMs());
      await worker(store, clock, "worker-a", { allowPrivate: false }).drain();
      expect(target.received).toEqual([]);
      expect((await store.deliveryLog({ eventId, limit: 1 }))[0]).toMatchObject({ status: "gave_up" });
    },
    ENGINE_TIMEOUT_MS,
  );
});
