/**
 * Reads an access token's claims for diagnosis — decoded, never trusted: no signature check, because the
 * only party that must trust the token is the mail server, and Microsoft warns clients not to depend on
 * token contents (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference).
 * A token that is not a three-part JWT (Microsoft consumer tokens, Google's) is opaque: `undefined`.
 */
import type { Secret } from '../secrets/secret.js';

/** The claims the checks read (docs/provider-facts.md §Token claims). Each is optional: decoding is best effort. */
export interface AccessTokenClaims {
  readonly aud?: string;
  readonly iss?: string;
  readonly tid?: string;
  readonly oid?: string;
  /** v1 tokens: the client (application) ID. */
  readonly appid?: string;
  /** v2 tokens: the client (application) ID. */
  readonly azp?: string;
  readonly idtyp?: string;
  /** App roles (application permissions); absent when none was consented. */
  readonly roles?: readonly string[];
  /** Delegated scopes, space-separated. */
  readonly scp?: string;
  readonly upn?: string;
  readonly preferredUsername?: string;
  /** Unix seconds. */
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
  readonly ver?: string;
  readonly appDisplayName?: string;
}

function base64UrlDecode(segment: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return undefined;
  return Buffer.from(segment.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/** The claims of a JWT access token, or undefined when the token is opaque or its payload is not JSON. */
export function decodeAccessToken(token: Secret | string): AccessTokenClaims | undefined {
  const value = typeof token === 'string' ? token : token.reveal();
  const parts = value.split('.');
  if (parts.length !== 3) return undefined;
  const text = base64UrlDecode(parts[1] ?? '');
  if (text === undefined) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const claim = (name: string): string | undefined => {
    const item: unknown = Reflect.get(payload, name);
    return typeof item === 'string' ? item : undefined;
  };
  const number = (name: string): number | undefined => {
    const item: unknown = Reflect.get(payload, name);
    return typeof item === 'number' && Number.isFinite(item) ? item : undefined;
  };
  const rolesValue: unknown = Reflect.get(payload, 'roles');
  const roles = Array.isArray(rolesValue) ? rolesValue.filter((role): role is string => typeof role === 'string') : undefined;
  const audValue: unknown = Reflect.get(payload, 'aud');
  const aud = typeof audValue === 'string' ? audValue : Array.isArray(audValue) && typeof audValue[0] === 'string' ? audValue[0] : undefined;
  // exactOptionalPropertyTypes is off: an absent claim is simply undefined.
  return {
    aud,
    iss: claim('iss'),
    tid: claim('tid'),
    oid: claim('oid'),
    appid: claim('appid'),
    azp: claim('azp'),
    idtyp: claim('idtyp'),
    roles,
    scp: claim('scp'),
    upn: claim('upn'),
    preferredUsername: claim('preferred_username'),
    exp: number('exp'),
    nbf: number('nbf'),
    iat: number('iat'),
    ver: claim('ver'),
    appDisplayName: claim('app_displayname'),
  };
}

/** The client ID a token was issued to: `appid` (v1) or `azp` (v2). */
export function tokenClientId(claims: AccessTokenClaims): string | undefined {
  return claims.appid ?? claims.azp;
}
