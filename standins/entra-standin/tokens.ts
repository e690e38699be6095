/**
 * The stand-in's tokens: RS256 JWT access tokens signed with a per-process RSA key, with the claims of
 * Entra's v1 app-only tokens (docs/testing.md §Entra stand-in; docs/provider-facts.md §Token claims), the
 * JWKS that publishes the key, and the table of issued tokens — which Dovecot's XOAUTH2 can consult
 * through the RFC 7662 introspection endpoint (standins/oauth-introspection.ts).
 */
import { createHash, createSign, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { TokenInfo, TokenTable } from '../oauth-introspection.js';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly jwk: { readonly kty: string; readonly n: string; readonly e: string };
}

let cachedKey: SigningKey | undefined;

/** One RSA 2048 key per test process (native key generation, ~100 ms). */
export function signingKey(): SigningKey {
  if (cachedKey) return cachedKey;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha1')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('base64url');
  cachedKey = { kid, privateKey, jwk: { kty: 'RSA', n: String(jwk.n), e: String(jwk.e) } };
  return cachedKey;
}

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function signJwt(claims: Record<string, unknown>, key: SigningKey = signingKey()): string {
  const header = { typ: 'JWT', alg: 'RS256', x5t: key.kid, kid: key.kid };
  const input = `${base64Url(header)}.${base64Url(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** `GET /{tenant}/discovery/v2.0/keys` */
export function jwks(issuer: string, key: SigningKey = signingKey()): Record<string, unknown> {
  return { keys: [{ kty: key.jwk.kty, use: 'sig', kid: key.kid, x5t: key.kid, n: key.jwk.n, e: key.jwk.e, issuer }] };
}

/** What the stand-in knows about a token it issued (tests and introspection read this). */
export interface IssuedToken {
  readonly token: string;
  readonly grantType: string;
  readonly tenantId: string;
  readonly appId: string;
  /** The client's service principal object ID (the `oid` claim of an app-only token). */
  readonly oid: string;
  readonly audience: string;
  readonly roles: readonly string[];
  readonly expiresAt: Date;
}

export interface AppTokenClaimsInput {
  readonly tenantId: string;
  readonly appId: string;
  readonly appDisplayName: string;
  readonly servicePrincipalId: string;
  readonly audience: string;
  readonly roles: readonly string[];
  readonly lifetimeSeconds: number;
  /** The stand-in's clock minus the real one (to show clock skew). */
  readonly clockSkewSeconds: number;
}

/** The claims of a v1 app-only access token, `roles` left out when nothing was consented (as Entra does). */
export function appTokenClaims(input: AppTokenClaimsInput): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000) + input.clockSkewSeconds;
  return {
    aud: input.audience,
    iss: `https://sts.windows.net/${input.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + input.lifetimeSeconds,
    aio: randomBytes(24).toString('base64url'),
    app_displayname: input.appDisplayName,
    appid: input.appId,
    appidacr: '1',
    idp: `https://sts.windows.net/${input.tenantId}/`,
    idtyp: 'app',
    oid: input.servicePrincipalId,
    rh: `0.${randomBytes(30).toString('base64url')}.`,
    ...(input.roles.length > 0 ? { roles: [...input.roles] } : {}),
    sub: input.servicePrincipalId,
    tid: input.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
    jti: randomUUID(),
  };
}

export interface UserTokenClaimsInput {
  readonly tenantId: string;
  readonly application: { readonly appId: string; readonly displayName: string };
  readonly user: { readonly id: string; readonly userPrincipalName: string; readonly displayName?: string };
  readonly audience: string;
  /** Space-separated delegated scopes. */
  readonly scp: string;
  /** A confidential client (authenticated with its secret: `appidacr` 1) or a public one (0). */
  readonly confidential: boolean;
  /** How the user signed in (`amr`). */
  readonly amr: readonly string[];
  /** The stand-in's `/{tenant}/v2.0` issuer base for the id_token (its own origin). */
  readonly origin: string;
  readonly nonce?: string;
  readonly lifetimeSeconds: number;
  readonly clockSkewSeconds: number;
}

/**
 * A delegated sign-in's two tokens, as Entra issues them: the v1 access token for the resource (`scp`,
 * the user's `oid`/`upn`) and the v2 id_token for the client. The delegated (--login) and administrator
 * (--admin) stand-ins differ only in the client kind and `amr`.
 */
export function userTokens(input: UserTokenClaimsInput, key: SigningKey = signingKey()): { readonly accessToken: string; readonly idToken: string } {
  const now = Math.floor(Date.now() / 1000) + input.clockSkewSeconds;
  const { tenantId, application, user } = input;
  const accessToken = signJwt(
    {
      aud: input.audience,
      iss: `https://sts.windows.net/${tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + input.lifetimeSeconds,
      acr: '1',
      ...(input.confidential ? { aio: randomBytes(24).toString('base64url') } : {}),
      amr: [...input.amr],
      app_displayname: application.displayName,
      appid: application.appId,
      appidacr: input.confidential ? '1' : '0',
      idtyp: 'user',
      ...(input.confidential ? { ipaddr: '127.0.0.1' } : {}),
      name: user.displayName,
      oid: user.id,
      ...(input.confidential ? { rh: `0.${randomBytes(30).toString('base64url')}.`, sid: randomUUID() } : {}),
      scp: input.scp,
      sub: randomBytes(32).toString('base64url'),
      tid: tenantId,
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      uti: randomBytes(16).toString('base64url'),
      ver: '1.0',
    },
    key,
  );
  const idToken = signJwt(
    {
      aud: application.appId,
      iss: `${input.origin}/${tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + input.lifetimeSeconds,
      name: user.displayName,
      ...(input.nonce ? { nonce: input.nonce } : {}),
      oid: user.id,
      preferred_username: user.userPrincipalName,
      sub: randomBytes(32).toString('base64url'),
      tid: tenantId,
      ver: '2.0',
    },
    key,
  );
  return { accessToken, idToken };
}

/** The tokens issued so far, by value. */
export class IssuedTokens {
  readonly #byValue = new Map<string, IssuedToken>();

  add(token: IssuedToken): void {
    this.#byValue.set(token.token, token);
  }

  get(token: string): IssuedToken | undefined {
    return this.#byValue.get(token);
  }

  all(): IssuedToken[] {
    return [...this.#byValue.values()];
  }

  /**
   * A token table for the introspection endpoint: an unexpired token of ours is active for the user
   * `userFor` names (for an app-only token: the mailbox its service principal may open, which Exchange —
   * not Entra — decides; the test says which). Unknown, expired or unmapped tokens are inactive.
   */
  introspectionTable(userFor: (token: IssuedToken) => string | undefined): TokenTable {
    return (value: string): TokenInfo | undefined => {
      const issued = this.#byValue.get(value);
      if (!issued || issued.expiresAt.getTime() <= Date.now()) return undefined;
      const username = userFor(issued);
      return username === undefined ? undefined : { username };
    };
  }
}
