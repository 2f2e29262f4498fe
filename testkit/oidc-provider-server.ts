/**
 * A real OpenID Provider (the `oidc-provider` package) for the SSO specs, run as its own process by
 * testkit/oidc-provider.ts. Its dev login form takes any password; the account is the login name.
 *
 * Test control, `GET /__test/tamper?claims=<json>`: the next ID token the token endpoint issues
 * gets those claims changed and is signed again with the provider's own key, so the app meets a
 * genuinely signed token that differs in exactly one claim (audience, issuer, nonce, expiry).
 */
import { exportJWK, generateKeyPair, SignJWT, decodeJwt } from "jose";
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from "oidc-provider";
import type { TestProviderOptions } from "./oidc-provider";

const options = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? "{}") as TestProviderOptions & { port: number };
const issuer = `http://127.0.0.1:${options.port}`;
const KEY_ID = "test-signing-key";

async function main(): Promise<void> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: "RS256", use: "sig" };

  const clients: ClientMetadata[] = options.clients.map((client) => ({
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret, token_endpoint_auth_method: "client_secret_basic" } : { token_endpoint_auth_method: "none" }),
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    response_types: ["code"],
    grant_types: ["authorization_code"],
  }));

  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [signingJwk] },
    pkce: { required: () => true },
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"], groups: ["groups"] },
    // Scope claims in the ID token itself, as Okta, Entra and Keycloak put a groups claim there.
    conformIdTokenClaims: false,
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const user = options.users[sub];
      if (!user) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: user.email, email_verified: true, preferred_username: sub, name: sub, groups: user.groups }) };
    },
    // Skip the consent screen: a company provider grants its own app's scopes without asking.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { Grant } = ctx.oidc.provider;
      const clientId = ctx.oidc.client!.clientId;
      const existing = ctx.oidc.session!.grantIdFor(clientId);
      if (existing) return Grant.find(existing);
      const grant = new Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });

  let tamper: Record<string, unknown> | null = null;

  provider.use(async (ctx, next) => {
    if (ctx.path === "/__test/tamper") {
      tamper = JSON.parse(String(ctx.query.claims ?? "{}")) as Record<string, unknown>;
      ctx.body = { armed: tamper };
      return;
    }
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && ctx.status === 200 && tamper && body?.id_token) {
      const claims = { ...decodeJwt(body.id_token), ...tamper };
      tamper = null;
      body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: KEY_ID, typ: "JWT" }).sign(privateKey);
    }
  });

  provider.listen(options.port, "127.0.0.1");
}

void main();
