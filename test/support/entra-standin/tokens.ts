/**
 * The stand-in's tokens: RS256 JWT access tokens signed with a per-process RSA key, with the claims of
 * Entra's v1 app-only tokens (entra-standin.md "What a faithful stand-in serves"; providers.md §2.1), the
 * JWKS that publishes the key, and the table of issued tokens — which Dovecot's XOAUTH2 can consult
 * through the RFC 7662 introspection endpoint (test/support/oauth-introspection.ts).
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
  const kid = createHash('sha1').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64url');
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
