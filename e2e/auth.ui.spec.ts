/** Sign-in and sign-out in Chromium, on the production build with DASHBOARD_USERS set. */
import { expect, test } from "@playwright/test";
import { AUTH } from "../testkit/e2e-servers";
import { TEST_USER } from "../testkit/sign-in";
import { collectCspViolations } from "../testkit/csp";
import { fillAndSubmit } from "../testkit/sign-in";

// Its own client address, so the API specs' throttling never reaches the browser.
test.use({ baseURL: AUTH.app, extraHTTPHeaders: { "X-Forwarded-For": "192.0.2.77" } });

test("the dashboard sends a visitor to sign in, explains a wrong password, then returns to the page asked for", async ({ page }) => {
  const violations = collectCspViolations(page);
  await page.goto("/?account=treasury");
  await expect(page).toHaveURL(/\/login\?next=%2F%3Faccount%3Dtreasury$/);
  await expect(page.getByRole("heading", { name: "Sign in to Gemini Treasury" })).toBeVisible();

  await fillAndSubmit(page, TEST_USER.username, "not the password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong username or password.");
  await expect(page).toHaveURL(/\/login/);

  await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
  await expect(page).toHaveURL(/\/\?account=treasury$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(TEST_USER.username);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  const cookie = (await page.context().cookies()).find((c) => c.name === "treasury_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("treasury_session");
  expect(violations).toEqual([]);
});

test("sign out ends the session: the dashboard asks for sign-in again", async ({ page }) => {
  await page.goto("/login");
  await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(TEST_USER.username);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.context().cookies()).find((c) => c.name === "treasury_session")).toBeUndefined();

  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  const api = await page.request.get("/api/accounts");
  expect(api.status()).toBe(401);
});

test("a signed-in user who opens /login goes straight to the page asked for", async ({ page }) => {
  await page.goto("/login");
  await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  await page.goto("/login?next=%2F%3Faccount%3Dpayroll");
  await expect(page).toHaveURL(/\/\?account=payroll$/);
});

test("an off-site next= never leaves the dashboard", async ({ page }) => {
  await page.goto("/login?next=%2F%2Fevil.example%2F");
  await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(AUTH.app);
});

// Browsers strip tab, CR and LF from URLs: `/\t/evil.example` would become `//evil.example`.
for (const next of ["/%09/evil.example", "/%0d/evil.example", "/%5C%09/evil.example"]) {
  test(`signing in through /login?next=${next} stays on the dashboard`, async ({ page }) => {
    await page.goto(`/login?next=${next}`);
    await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(AUTH.app);
  });
}

test.describe("before the page is interactive", () => {
  test.use({ javaScriptEnabled: false });

  // A native submit would be a GET to /login with the password in the address (history, proxy logs).
  test("the form cannot be submitted, so the password never reaches an address", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Username").fill(TEST_USER.username);
    await page.getByLabel("Password").fill(TEST_USER.password);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
    await page.getByLabel("Password").press("Enter");
    await expect(page).toHaveURL(`${AUTH.app}/login`);
    expect(await page.locator("form").getAttribute("method")).toBe("post");
  });
});
