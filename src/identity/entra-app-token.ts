/**
 * What an Office 365 application-flow token needs from an account and what its failures mean: the
 * scope asked for, why an account cannot have one, and our code for a failed request (the same in
 * `entra.credentials` and in the mail checks).
 */
import type { Account } from '../config/types.js';
import { CLOUD_HOSTS } from '../config/defaults.js';
import { GUID_PATTERN } from '../config/schema.js';
import { lookupAadsts } from '../providers/microsoft/aadsts.js';
import type { TokenFailure } from './entra-client.js';

/** Client credentials ask for the Exchange resource's `/.default` (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow#get-a-token). */
export function exchangeScope(account: Account): string {
  return `${CLOUD_HOSTS[account.cloud].exchangeResource}/.default`;
}

/** Why an Office 365 OAuth account cannot have an application token here, or undefined when it can. */
export function appTokenUnavailable(account: Account): 'not-office365' | 'token-given' | 'no-credentials' | undefined {
  if (account.provider !== 'office365' || account.auth.method !== 'oauth2') return 'not-office365';
  if (account.auth.accessToken) return 'token-given';
  if (!account.auth.tenantId || !account.auth.clientId || !account.auth.clientSecret || account.auth.clientSecret.isEmpty) return 'no-credentials';
  return undefined;
}

/** The configured client secret is most likely the Secret ID: GUID-shaped, or equal to `auth.secretId`. */
export function secretLooksLikeSecretId(account: Account): boolean {
  const secret = account.auth.clientSecret?.reveal().trim().toLowerCase();
  if (!secret) return false;
  return GUID_PATTERN.test(secret) || secret === account.auth.secretId?.trim().toLowerCase();
}

/** Our code for a failure to get the token (the same in `entra.credentials` and in the mail checks). */
export function tokenFailureCode(failure: TokenFailure, account: Account): string {
  switch (failure.kind) {
    case 'entra': {
      const entry = lookupAadsts(failure.body.aadsts);
      if (entry.fix === 'secret-value' && secretLooksLikeSecretId(account)) return 'ENTRA_SECRET_ID_AS_VALUE';
      if (entry.code === 'ENTRA_AADSTS' && failure.status !== undefined && failure.status >= 500) return 'ENTRA_UNAVAILABLE';
      return entry.code;
    }
    case 'network':
      return failure.error.code;
    case 'unexpected-answer':
      return 'ENTRA_UNEXPECTED_ANSWER';
    case 'empty-token':
      if (failure.status === 429) return 'ENTRA_THROTTLED';
      if (failure.status !== undefined && failure.status >= 500) return 'ENTRA_UNAVAILABLE';
      return 'ENTRA_EMPTY_TOKEN';
    case 'client':
      return 'ENTRA_CLIENT_REJECTED';
  }
}
