/**
 * The login page's `next` over real HTTP: whatever it holds, the page answers (never 5xx), and a
 * signed-in visitor is redirected to a path on this site only.
 */
import { expect, test } from "@playwright/test";
import { HOSTILE_NEXT_VALUES } from "../testkit/hostile-next-values";
import { AUTH } from "../testkit/e2e-servers";
import { TEST_USER } from "../testkit/sign-in";

const APP = AUTH.app;
// Its own client address, so throttling in the other auth specs never reaches this one.
test.use({ baseURL: APP, extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.78" } });

/** Each hostile value as the login page's query string carries it, plus forms sent verbatim (some malformed). */
const QUERIES: readonly string[] = [
  ...HOSTILE_NEXT_VALUES.map((value) => `next=${encodeURIComponent(value.toWellFormed())}`),
  "next=/%09/evil.example",
  "next=/%0d/evil.example",
  "next=/%0a/evil.example",
  "next=/%0a%0dSet-Cookie:x=1",
  "next=/%E0%A4%A",
  "next=%",
  "next=/%ff",
  "next=/%C3%A9",
  "next=/%E2%80%A8",
  "next=/%F0%9F%92%A9",
  "next=/%5c/evil.example",
  "next=/&next=//evil.example",
  "next[]=//evil.example",
];

function staysOnSite(location: string | undefined): boolean {
  return location !== undefined && new URL(location, APP).origin === APP;
}

test("the login page answers every hostile next without a 5xx", async ({ request }) => {
  const failures: string[] = [];
  for (const query of QUERIES) {
    const response = await request.get(`/login?${query}`, { maxRedirects: 0 });
    if (response.status() >= 500) failures.push(`${response.status()} for ${query}`);
  }
  expect(failures).toEqual([]);
});

test("a signed-in visitor is redirected on this site only, whatever next holds", async ({ request }) => {
  expect((await request.post("/api/auth/login", { data: TEST_USER })).status()).toBe(200);
  const failures: string[] = [];
  for (const query of QUERIES) {
    const response = await request.get(`/login?${query}`, { maxRedirects: 0 });
    const location = response.headers()["location"];
    if (response.status() >= 500 || !staysOnSite(location)) failures.push(`${response.status()} ${location} for ${query}`);
  }
  expect(failures).toEqual([]);
});
