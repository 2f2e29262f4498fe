/**
 * A real OpenID Provider for the SSO specs (testkit/oidc-provider-server.ts, the `oidc-provider`
 * package) in a process of its own, on the port given (the app needs OIDC_ISSUER before the
 * provider needs the app's redirect URI), with test clients and users carrying groups claims.
 */
import { localUrl, spawnProcess, waitForUrl, type Running } from "./processes";

export interface TestClient {
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface TestProviderOptions {
  clients: TestClient[];
  /** Login name -> claims. */
  users: Record<string, { email: string; groups: string[] }>;
}

export interface TestProvider extends Running {
  /** The next ID token issued gets these claims changed and is signed again with the provider's key. */
  tamperNextIdToken(claims: Record<string, unknown>): Promise<void>;
}

/** Users of the test provider and what OIDC_ROLE_MAP below makes of them. */
export const OIDC_USERS = {
  alice: { email: "alice@acme.test", groups: ["treasury-admins", "staff"] }, // admin (the highest of two)
  bob: { email: "bob@acme.test", groups: ["finance"] }, // auditor, limited to primary
  victor: { email: "victor@acme.test", groups: ["staff"] }, // viewer
  dave: { email: "dave@acme.test", groups: ["contractors"] }, // no role: refused
} as const;

export const OIDC_ROLE_MAP = "treasury-admins:admin,finance:auditor,staff:viewer";
export const OIDC_ACCOUNT_MAP = "finance:primary";

export async function startOidcProvider(port: number, options: TestProviderOptions): Promise<TestProvider> {
  const server = spawnProcess("node", ["--import", "tsx", "testkit/oidc-provider-server.ts"], {
    OIDC_TEST_PROVIDER: JSON.stringify({ ...options, port }),
    NODE_ENV: "test",
  });
  const url = localUrl(port);
  await waitForUrl(`${url}/.well-known/openid-configuration`, server);
  return {
    ...server,
    url,
    port,
    async tamperNextIdToken(claims) {
      const response = await fetch(`${url}/__test/tamper?claims=${encodeURIComponent(JSON.stringify(claims))}`);
      if (!response.ok) throw new Error(`tamper: ${response.status}`);
    },
  };
}
