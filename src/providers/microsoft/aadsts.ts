/**
 * The AADSTS numbers the product reads, in one table: what each means for an app-only token request, a
 * person's browser sign-in (delegated flow), and the administrator's `--admin` sign-in.
 * Numbers and names: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
 * Microsoft says the OAuth `error` value is the stable field and numbers may change: numbers are used for
 * diagnosis only, and an unknown number still yields a failure with Entra's own description.
 */
import type { MessageKey } from '../../core/message.js';

/** Which remediation a token failure calls for (the checks turn it into steps with this account's values). */
export type AadstsFix =
  | 'secret-value'
  | 'secret-expired'
  | 'secret-missing'
  | 'client-id'
  | 'app-disabled'
  | 'tenant-id'
  | 'cloud'
  | 'scope'
  | 'exchange-licence'
  | 'conditional-access'
  | 'consent'
  | 'retry-later'
  | 'other';

export interface AadstsEntry {
  /** Our SCREAMING_SNAKE code for the check result; the AADSTS number stays in the evidence. */
  readonly code: string;
  /** One line saying what it means, in the user's language. */
  readonly meaning: MessageKey;
  readonly fix: AadstsFix;
}

/** How the `--admin` sign-in reads a refusal. */
export type AdminSignInReading = 'conditional-access' | 'consent' | 'public-client' | 'redirect-uri';

interface AadstsRow {
  /** An app-only token request refused with it. */
  readonly token?: AadstsEntry;
  /** Our code when a person's browser sign-in (authorization code) fails with it. */
  readonly signIn?: string;
  /** What it says about the `--admin` sign-in. */
  readonly admin?: AdminSignInReading;
  /** The tenant refuses the device-code flow: the administrator sign-in falls back to pasting the address. */
  readonly deviceCodeRefused?: true;
}

const SECRET_INVALID: AadstsEntry = { code: 'ENTRA_SECRET_INVALID', meaning: 'entra.aadsts.7000215', fix: 'secret-value' };
const APP_NOT_FOUND: AadstsEntry = { code: 'ENTRA_APP_NOT_FOUND', meaning: 'entra.aadsts.700016', fix: 'client-id' };
const APP_DISABLED: AadstsEntry = { code: 'ENTRA_APP_DISABLED', meaning: 'entra.aadsts.7000112', fix: 'app-disabled' };
const SCOPE_INVALID: AadstsEntry = { code: 'ENTRA_SCOPE_INVALID', meaning: 'entra.aadsts.1002012', fix: 'scope' };
const CONDITIONAL_ACCESS: AadstsEntry = { code: 'ENTRA_CONDITIONAL_ACCESS', meaning: 'entra.aadsts.53003', fix: 'conditional-access' };
const CONSENT_MISSING: AadstsEntry = { code: 'ENTRA_CONSENT_MISSING', meaning: 'entra.aadsts.65001', fix: 'consent' };
const UNAVAILABLE: AadstsEntry = { code: 'ENTRA_UNAVAILABLE', meaning: 'entra.aadsts.transient', fix: 'retry-later' };

const AADSTS: ReadonlyMap<number, AadstsRow> = new Map<number, AadstsRow>([
  // InvalidClientSecret: "Ensure the secret being sent in the request is the client secret value, not the client secret ID".
  [7000215, { token: SECRET_INVALID }],
  // InvalidClientSecretExpiredKeysProvided.
  [7000222, { token: { code: 'ENTRA_SECRET_EXPIRED', meaning: 'entra.aadsts.7000222', fix: 'secret-expired' } }],
  // "The request body must contain … 'client_assertion' or 'client_secret'": for a public-client sign-in,
  // "Allow public client flows" is off.
  [
    7000218,
    { token: { code: 'ENTRA_SECRET_MISSING', meaning: 'entra.aadsts.7000218', fix: 'secret-missing' }, admin: 'public-client', deviceCodeRefused: true },
  ],
  // UnauthorizedClient_DoesNotMatchRequest: the application was not found in the directory/tenant.
  [700016, { token: APP_NOT_FOUND }],
  // UnauthorizedClientAppNotFoundInOrgIdTenant.
  [700011, { token: APP_NOT_FOUND }],
  // UnauthorizedClientApplicationDisabled: the service principal is disabled in the tenant.
  [7000112, { token: APP_DISABLED }],
  // UnauthorizedClient: "The application is disabled."
  [70001, { token: APP_DISABLED }],
  // InvalidTenantName: often a cross-cloud tenant or a domain that is not registered.
  [90002, { token: { code: 'ENTRA_TENANT_NOT_FOUND', meaning: 'entra.aadsts.90002', fix: 'tenant-id' } }],
  // "Specified tenant identifier '…' is neither a valid DNS name, nor a valid external domain."
  [900023, { token: { code: 'ENTRA_TENANT_INVALID', meaning: 'entra.aadsts.900023', fix: 'tenant-id' } }],
  // NationalCloudTenantRedirection: the tenant belongs to another national cloud.
  [90038, { token: { code: 'ENTRA_TENANT_WRONG_CLOUD', meaning: 'entra.aadsts.90038', fix: 'cloud' } }],
  // Client credentials need `{resource}/.default` (message of AADSTS1002012); InvalidScope.
  [1002012, { token: SCOPE_INVALID }],
  [70011, { token: SCOPE_INVALID }],
  // InvalidResourceServicePrincipalNotFound: Office 365 Exchange Online is not in the tenant (no licence).
  [500011, { token: { code: 'ENTRA_EXCHANGE_NOT_IN_TENANT', meaning: 'entra.aadsts.500011', fix: 'exchange-licence' } }],
  // BlockedByConditionalAccess (for an app-only token: a workload-identity policy).
  [53003, { token: CONDITIONAL_ACCESS, signIn: 'ENTRA_CONDITIONAL_ACCESS', admin: 'conditional-access', deviceCodeRefused: true }],
  // BlockedByConditionalAccessOnSecurityPolicy.
  [530032, { token: CONDITIONAL_ACCESS, signIn: 'ENTRA_CONDITIONAL_ACCESS', admin: 'conditional-access' }],
  // Other Conditional Access and device-state refusals of a person's sign-in (compliant or joined device required…).
  [530033, { admin: 'conditional-access', deviceCodeRefused: true }],
  [53000, { admin: 'conditional-access', deviceCodeRefused: true }],
  [53001, { admin: 'conditional-access', deviceCodeRefused: true }],
  [50097, { admin: 'conditional-access', deviceCodeRefused: true }],
  [50005, { admin: 'conditional-access', deviceCodeRefused: true }],
  [50199, { admin: 'conditional-access', deviceCodeRefused: true }],
  // DelegationDoesNotExist / AdminConsentRequired / ConsentRequiredForApplication.
  [65001, { token: CONSENT_MISSING, signIn: 'ENTRA_CONSENT_MISSING', admin: 'consent' }],
  [90094, { token: CONSENT_MISSING, signIn: 'ENTRA_CONSENT_MISSING', admin: 'consent' }],
  [90095, { admin: 'consent' }],
  // UserDeclinedConsent.
  [65004, { signIn: 'LOGIN_CANCELLED', admin: 'consent' }],
  // Transient service errors: ExternalServerRetryableError, RequestBudgetExceededError, MSODS unavailable.
  [90006, { token: UNAVAILABLE }],
  [90024, { token: UNAVAILABLE }],
  [90033, { token: UNAVAILABLE }],
  // InvalidReplyTo / ApplicationRedirectUriMismatch.
  [50011, { signIn: 'ENTRA_REDIRECT_URI_MISMATCH', admin: 'redirect-uri' }],
  [500112, { signIn: 'ENTRA_REDIRECT_URI_MISMATCH' }],
  [500113, { admin: 'redirect-uri' }],
  // InvalidRedirectUri.
  [70004, { admin: 'redirect-uri' }],
  // The redirect URI is registered on the Single-page application platform (cross-origin redemption only).
  [9002327, { signIn: 'ENTRA_REDIRECT_URI_SPA' }],
  // The authorization code was already redeemed (by the service at the registered redirect URI).
  [54005, { signIn: 'ENTRA_CODE_ALREADY_REDEEMED' }],
  // The authorization code expired / is not valid.
  [70008, { signIn: 'ENTRA_CODE_EXPIRED' }],
  [70000, { signIn: 'ENTRA_CODE_INVALID' }],
  // The user is not in this tenant (a guest of another one) / does not exist.
  [50020, { signIn: 'ENTRA_USER_WRONG_TENANT' }],
  [50034, { signIn: 'ENTRA_USER_NOT_FOUND' }],
  // UserStrongAuthClientAuthNRequired / UserStrongAuthEnrollmentRequired.
  [50076, { signIn: 'ENTRA_MFA_REQUIRED' }],
  [50079, { signIn: 'ENTRA_MFA_REQUIRED' }],
  // InvalidCodeChallengeVerifier (PKCE).
  [501481, { signIn: 'ENTRA_PKCE_MISMATCH' }],
  // Scopes of more than one resource in one request.
  [28000, { signIn: 'ENTRA_SCOPE_MIXED' }],
]);

/** Our code for an AADSTS number none of the table's rows describe. */
export const UNKNOWN_AADSTS: AadstsEntry = { code: 'ENTRA_AADSTS', meaning: 'entra.aadsts.unknown', fix: 'other' };

/** What an app-only token refusal with this number means. */
export function lookupAadsts(number: number | undefined): AadstsEntry {
  return (number !== undefined && AADSTS.get(number)?.token) || UNKNOWN_AADSTS;
}

/** Our code for a person's browser sign-in that failed with this number, when the table has one. */
export function signInAadstsCode(number: number): string | undefined {
  return AADSTS.get(number)?.signIn;
}

/** What this number says about the administrator's `--admin` sign-in, when the table says. */
export function adminSignInReading(number: number | undefined): AdminSignInReading | undefined {
  return number !== undefined ? AADSTS.get(number)?.admin : undefined;
}

/** Whether the tenant refused the device-code flow in a way the paste flow gets around. */
export function deviceCodeRefused(number: number | undefined): boolean {
  return number !== undefined && AADSTS.get(number)?.deviceCodeRefused === true;
}
