/** Who signs in during tests, the configuration that lets them, and signing in through the login page. */
import { expect, type Page } from "@playwright/test";
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "../lib/demo-exchange/credentials";

/**
 * The hash is cheaper than production's (N=2^14, p=1) to keep the suite quick; both users have
 * the same password. Made with scripts/hash-password.ts's format.
 */
export const TEST_USER = { username: "treasurer", password: "correct horse battery staple" } as const;
/** A second user for throttling tests, so locking it out never blocks the other specs. */
export const THROTTLED_USER = { username: "auditor", password: TEST_USER.password } as const;
const TEST_PASSWORD_HASH = "scrypt:N=16384:r=8:p=1:TEG7A5nj8JWvhHTYTHP2nA:ad_kgCHnOTrzHMMweFaWuv1wWaoBuJwXRxwcwOY3KB4";
const TEST_SESSION_SECRET = "e2e-session-secret-7d1f0c9a4b2e8f3d6a5c-not-for-production";
export const signInEnv = {
  DASHBOARD_USERS: `${TEST_USER.username}:${TEST_PASSWORD_HASH},${THROTTLED_USER.username}:${TEST_PASSWORD_HASH}`,
  SESSION_SECRET: TEST_SESSION_SECRET,
} as const;

/** A live configuration pointed at a demo exchange: the real credential path, the demo master key. */
export function liveEnv(exchangeUrl: string) {
  return {
    GEMINI_API_KEY: DEMO_MASTER_KEY,
    GEMINI_API_SECRET: DEMO_MASTER_SECRET,
    GEMINI_API_URL: exchangeUrl,
  };
}

export async function fillAndSubmit(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs the test user in and waits until the page shows who is signed in. */
export async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(TEST_USER.username);
}

/** The users of the ROLES app (testkit/e2e-servers.ts): one per role, and each role limited to two accounts. */
export const ROLE_USERS = {
  viewer: { username: "viewer", password: TEST_USER.password },
  auditor: { username: "auditor", password: TEST_USER.password },
  admin: { username: "admin", password: TEST_USER.password },
  scopedViewer: { username: "scoped-viewer", password: TEST_USER.password },
  scopedAuditor: { username: "scoped-auditor", password: TEST_USER.password },
  scopedAdmin: { username: "scoped-admin", password: TEST_USER.password },
} as const;
export type RoleUser = keyof typeof ROLE_USERS;
/** What the scoped users may see; the demo group's other accounts are primary, legacy-otc and cold-storage. */
export const SCOPED_ACCOUNTS = ["treasury", "payroll"] as const;

const scopedNames = [ROLE_USERS.scopedViewer, ROLE_USERS.scopedAuditor, ROLE_USERS.scopedAdmin].map((user) => user.username);
export const rolesEnv = {
  DASHBOARD_USERS: Object.values(ROLE_USERS)
    .map((user) => `${user.username}:${TEST_PASSWORD_HASH}`)
    .join(","),
  SESSION_SECRET: TEST_SESSION_SECRET,
  DASHBOARD_ROLES: Object.values(ROLE_USERS)
    .map((user) => `${user.username}:${user.username.replace("scoped-", "")}`)
    .join(","),
  DASHBOARD_ACCOUNTS: scopedNames.map((name) => `${name}:${SCOPED_ACCOUNTS.join("|")}`).join(","),
} as const;

/** Signs `user` in over HTTP and returns the `Cookie` header value its requests carry. */
export async function sessionCookie(appUrl: string, user: { username: string; password: string } = TEST_USER): Promise<string> {
  const response = await fetch(`${appUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(user),
  });
  if (!response.ok) throw new Error(`sign-in as ${user.username}: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie()[0]!.split(";")[0]!;
}
