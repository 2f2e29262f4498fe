/**
 * The sign-in throttle's rules as scenarios, run against the in-memory throttle and against the
 * Redis one on a real redis-server, so both keep the same rules. Time comes from a fake clock.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  LOGIN_WINDOW_MS,
  MAX_ADDRESS_FAILURES,
  MAX_LOGIN_FAILURES,
  USER_DELAY_MAX_MS,
  USER_FREE_FAILURES,
  USER_MAX_FAILURES,
  USER_WINDOW_MS,
  type LoginThrottle,
} from "@/lib/auth/throttle";
import { fakeClock, type FakeClock } from "@/testkit/fake-clock";

export type MakeThrottle = (now: () => number) => LoginThrottle | Promise<LoginThrottle>;

const VICTIM = "alice";
const HOME = "203.0.113.10";
const GUESS_INTERVAL_MS = 60_000;
/** The n-th address of a botnet: distinct IPv4 addresses, none of them HOME. */
const bot = (n: number) => `198.18.${n >> 8}.${n & 0xff}`;

export function describeThrottleRules(name: string, make: MakeThrottle): void {
  describe(`${name}: the sign-in throttle's rules`, () => {
    let clock: FakeClock;
    let throttle: LoginThrottle;
    beforeEach(async () => {
      clock = fakeClock();
      throttle = await make(clock.nowMs);
    });
    const attempt = (username: string, address: string) => throttle.attempt({ username, address });

    it("blocks one (username, address) after five failures for the rest of its 15-minute window", async () => {
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) expect((await attempt(VICTIM, bot(1))).blocked).toBe(false);
      clock.advance(60_000);
      expect(await attempt("ALICE ", bot(1))).toEqual({ blocked: true, retryAfterSeconds: LOGIN_WINDOW_MS / 1000 - 60 });
      clock.advance(LOGIN_WINDOW_MS - 60_000 - 1);
      expect((await attempt(VICTIM, bot(1))).blocked).toBe(true);
      clock.advance(1);
      expect((await attempt(VICTIM, bot(1))).blocked).toBe(false);
    });

    it("lets the right person in from a clean address while another address is blocked for their name", async () => {
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await attempt(VICTIM, bot(1));
      expect((await attempt(VICTIM, bot(1))).blocked).toBe(true);
      expect((await attempt(VICTIM, HOME)).blocked).toBe(false);
    });

    it("lets the victim in from a clean address while an attacker fails from many addresses", async () => {
      for (let n = 0; n < USER_FREE_FAILURES - 1; n++) await attempt(VICTIM, bot(n));
      expect((await attempt(VICTIM, HOME)).blocked).toBe(false);
    });

    it("never locks the victim out of an address they signed in from, however long a botnet keeps guessing", async () => {
      expect((await attempt(VICTIM, HOME)).blocked).toBe(false);
      await throttle.succeeded({ username: VICTIM, address: HOME });
      // Most of a day of guessing from ever new addresses, one try a minute: far past every username limit.
      for (let n = 0; n < (USER_WINDOW_MS - LOGIN_WINDOW_MS) / GUESS_INTERVAL_MS; n += 1) {
        await attempt(VICTIM, bot(n));
        clock.advance(GUESS_INTERVAL_MS);
        if (n % 100 === 0) {
          expect((await attempt(VICTIM, HOME)).blocked, `after ${n} guesses`).toBe(false);
          await throttle.succeeded({ username: VICTIM, address: HOME });
        }
      }
      expect((await attempt(VICTIM, bot(60_000))).blocked).toBe(true);
      expect((await attempt(VICTIM, HOME)).blocked).toBe(false);
    });

    it("stops a distributed guesser: free tries, then a doubling delay, then a block for the rest of the day", async () => {
      let allowed = 0;
      let n = 0;
      // Free tries back to back from new addresses.
      for (; n < USER_FREE_FAILURES; n++) expect((await attempt(VICTIM, bot(n))).blocked).toBe(false);
      const delayed = await attempt(VICTIM, bot(n++));
      expect(delayed.blocked).toBe(true);
      expect(delayed.retryAfterSeconds).toBe(1);
      // A guesser that waits exactly as long as it is told, from a new address every time.
      const waits: number[] = [];
      for (; clock.nowMs() < fakeClock().nowMs() + USER_WINDOW_MS; n++) {
        const verdict = await attempt(VICTIM, bot(n));
        if (!verdict.blocked) {
          allowed += 1;
          continue;
        }
        waits.push(verdict.retryAfterSeconds);
        clock.advance(verdict.retryAfterSeconds * 1000);
      }
      expect(USER_FREE_FAILURES + allowed).toBe(USER_MAX_FAILURES);
      expect(waits.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, USER_DELAY_MAX_MS / 1000]);
      // The block after the last allowed guess lasts until the day's window ends.
      expect(waits.at(-1)).toBeGreaterThan(USER_DELAY_MAX_MS / 1000);
    });

    it("lets at most five of a burst of parallel guesses for one (username, address) through", async () => {
      const verdicts = await Promise.all(Array.from({ length: 20 }, () => attempt("mallory", bot(5))));
      expect(verdicts.filter((verdict) => !verdict.blocked)).toHaveLength(MAX_LOGIN_FAILURES);
    });

    it("blocks an address that sprays usernames after MAX_ADDRESS_FAILURES, and only that address", async () => {
      for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) expect((await attempt(`user${i}`, bot(9))).blocked).toBe(false);
      expect((await attempt("fresh", bot(9))).blocked).toBe(true);
      expect((await attempt("fresh", bot(10))).blocked).toBe(false);
    });

    it("counts every IPv6 address of one /64 as one address, and IPv4-mapped IPv6 as IPv4", async () => {
      for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) {
        expect((await attempt(`user${i}`, `2001:db8:1:2:${(i + 1).toString(16)}::7`)).blocked).toBe(false);
      }
      expect((await attempt("fresh", "2001:db8:1:2:ffff:ffff:ffff:ffff")).blocked).toBe(true);
      expect((await attempt("fresh", "2001:db8:1:3::7")).blocked).toBe(false);

      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await attempt(VICTIM, "::ffff:192.0.2.44");
      expect((await attempt(VICTIM, "192.0.2.44")).blocked).toBe(true);
    });

    it("gives a successful sign-in's attempt back: the pair is cleared, the address uncounted", async () => {
      for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await attempt("carol", bot(3));
      await attempt("carol", bot(3)); // the right password
      await throttle.succeeded({ username: "carol", address: bot(3) });
      for (let i = 0; i < MAX_LOGIN_FAILURES; i++) expect((await attempt("carol", bot(3))).blocked).toBe(false);
      expect((await attempt("carol", bot(3))).blocked).toBe(true);
    });
  });
}
