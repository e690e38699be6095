/**
 * The AADSTS numbers the Entra checks diagnose, each with our code, what it means and which fix applies.
 * Sources: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes (numbers and
 * names), ../shared/reference/providers.md §2.2 and §6 (fixes). Microsoft says the OAuth `error` value is
 * the stable field and numbers may change: numbers are used for diagnosis only, and an unknown number
 * still yields a failure with Entra's own description.
 */
import type { MessageKey } from '../core/message.js';
import { scrub, scrubAndClip } from '../secrets/redact.js';

/** Which remediation a failure calls for (the checks turn it into steps with this account's values). */
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

const TABLE: ReadonlyMap<number, AadstsEntry> = new Map<number, AadstsEntry>([
  // InvalidClientSecret: "Ensure the secret being sent in the request is the client secret value, not the client secret ID".
  [7000215, { code: 'ENTRA_SECRET_INVALID', meaning: 'entra.aadsts.7000215', fix: 'secret-value' }],
  // InvalidClientSecretExpiredKeysProvided.
  [7000222, { code: 'ENTRA_SECRET_EXPIRED', meaning: 'entra.aadsts.7000222', fix: 'secret-expired' }],
  // "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
  [7000218, { code: 'ENTRA_SECRET_MISSING', meaning: 'entra.aadsts.7000218', fix: 'secret-missing' }],
  // UnauthorizedClient_DoesNotMatchRequest: the application was not found in the directory/tenant.
  [700016, { code: 'ENTRA_APP_NOT_FOUND', meaning: 'entra.aadsts.700016', fix: 'client-id' }],
  // UnauthorizedClientAppNotFoundInOrgIdTenant.
  [700011, { code: 'ENTRA_APP_NOT_FOUND', meaning: 'entra.aadsts.700016', fix: 'client-id' }],
  // UnauthorizedClientApplicationDisabled: the service principal is disabled in the tenant.
  [7000112, { code: 'ENTRA_APP_DISABLED', meaning: 'entra.aadsts.7000112', fix: 'app-disabled' }],
  // UnauthorizedClient: "The application is disabled."
  [70001, { code: 'ENTRA_APP_DISABLED', meaning: 'entra.aadsts.7000112', fix: 'app-disabled' }],
  // InvalidTenantName: often a cross-cloud tenant or a domain that is not registered.
  [90002, { code: 'ENTRA_TENANT_NOT_FOUND', meaning: 'entra.aadsts.90002', fix: 'tenant-id' }],
  // "Specified tenant identifier '…' is neither a valid DNS name, nor a valid external domain."
  [900023, { code: 'ENTRA_TENANT_INVALID', meaning: 'entra.aadsts.900023', fix: 'tenant-id' }],
  // NationalCloudTenantRedirection: the tenant belongs to another national cloud.
  [90038, { code: 'ENTRA_TENANT_WRONG_CLOUD', meaning: 'entra.aadsts.90038', fix: 'cloud' }],
  // Client credentials need `{resource}/.default` (message of AADSTS1002012); InvalidScope.
  [1002012, { code: 'ENTRA_SCOPE_INVALID', meaning: 'entra.aadsts.1002012', fix: 'scope' }],
  [70011, { code: 'ENTRA_SCOPE_INVALID', meaning: 'entra.aadsts.1002012', fix: 'scope' }],
  // InvalidResourceServicePrincipalNotFound: Office 365 Exchange Online is not in the tenant (no licence).
  [500011, { code: 'ENTRA_EXCHANGE_NOT_IN_TENANT', meaning: 'entra.aadsts.500011', fix: 'exchange-licence' }],
  // BlockedByConditionalAccess (a workload-identity policy, for an app-only token).
  [53003, { code: 'ENTRA_CONDITIONAL_ACCESS', meaning: 'entra.aadsts.53003', fix: 'conditional-access' }],
  [530032, { code: 'ENTRA_CONDITIONAL_ACCESS', meaning: 'entra.aadsts.53003', fix: 'conditional-access' }],
  // DelegationDoesNotExist / AdminConsentRequired (delegated flows).
  [65001, { code: 'ENTRA_CONSENT_MISSING', meaning: 'entra.aadsts.65001', fix: 'consent' }],
  [90094, { code: 'ENTRA_CONSENT_MISSING', meaning: 'entra.aadsts.65001', fix: 'consent' }],
  // Transient service errors: ExternalServerRetryableError, RequestBudgetExceededError, MSODS unavailable.
  [90006, { code: 'ENTRA_UNAVAILABLE', meaning: 'entra.aadsts.transient', fix: 'retry-later' }],
  [90024, { code: 'ENTRA_UNAVAILABLE', meaning: 'entra.aadsts.transient', fix: 'retry-later' }],
  [90033, { code: 'ENTRA_UNAVAILABLE', meaning: 'entra.aadsts.transient', fix: 'retry-later' }],
]);

/** Our code for an AADSTS number none of the table's rows describe. */
export const UNKNOWN_AADSTS: AadstsEntry = { code: 'ENTRA_AADSTS', meaning: 'entra.aadsts.unknown', fix: 'other' };

export function lookupAadsts(number: number | undefined): AadstsEntry {
  return (number !== undefined && TABLE.get(number)) || UNKNOWN_AADSTS;
}

/**
 * The AADSTS number of an error answer: `error_codes[0]`, else the `AADSTSnnnn:` prefix of the description
 * (entra-standin.md "Mapping for a checker"; msal's `errorNo` is a number at run time although typed string).
 */
export function aadstsNumber(codes: unknown, description: unknown): number | undefined {
  if (Array.isArray(codes)) {
    const first = Number(codes[0]);
    if (Number.isInteger(first) && first > 0) return first;
  }
  if (typeof codes === 'number' && Number.isInteger(codes) && codes > 0) return codes;
  if (typeof codes === 'string' && /^\d+$/.test(codes)) return Number(codes);
  if (typeof description === 'string') {
    const match = /AADSTS(\d+)/.exec(description);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/** The error answer of Entra's token and discovery endpoints (reference-error-codes, "sample error response"). */
export interface EntraErrorBody {
  readonly error?: string;
  readonly description?: string;
  readonly aadsts?: number;
  readonly traceId?: string;
  readonly correlationId?: string;
  readonly timestamp?: string;
}

/** Reads Entra's error fields off a parsed JSON body, or undefined when the body is not one. */
export function parseEntraError(json: unknown): EntraErrorBody | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const field = (name: string): string | undefined => {
    const value: unknown = Reflect.get(json, name);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const error = field('error');
  const description = field('error_description');
  if (error === undefined && description === undefined) return undefined;
  const aadsts = aadstsNumber(Reflect.get(json, 'error_codes'), description);
  return {
    ...(error !== undefined ? { error } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(aadsts !== undefined ? { aadsts } : {}),
    ...(field('trace_id') !== undefined ? { traceId: field('trace_id') } : {}),
    ...(field('correlation_id') !== undefined ? { correlationId: field('correlation_id') } : {}),
    ...(field('timestamp') !== undefined ? { timestamp: field('timestamp') } : {}),
  };
}

/**
 * The first sentence(s) of Entra's description, without the "Trace ID / Correlation ID / Timestamp"
 * lines (shown as their own evidence) — what a person reads.
 */
export function descriptionHeadline(description: string): string {
  // Scrubbed whole before any cut: an `invalid_client` description may echo the request body, secret included.
  const scrubbed = scrub(description);
  const cut = scrubbed.split(/\r?\n|\s+Trace ID:/)[0] ?? scrubbed;
  return scrubAndClip(cut.trim(), 500);
}
