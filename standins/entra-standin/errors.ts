/**
 * Entra's error answers: the OAuth `error`, `error_description` starting with `AADSTSnnnn:` and ending with
 * the Trace ID / Correlation ID / Timestamp lines, `error_codes`, `timestamp`, `trace_id`,
 * `correlation_id` (the request's `client-request-id` when one was sent) and `error_uri`, with the HTTP
 * status Entra uses. Shape: https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes
 * ("sample error response"); descriptions as Entra words them (reference-error-codes, msal issue threads).
 */
import { randomUUID } from 'node:crypto';

export interface EntraError {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  readonly message: string;
}

/** "2026-11-24 13:05:09Z", Entra's timestamp format. */
function entraTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

export function errorBody(failure: EntraError, correlationId: string | undefined, origin: string, now = new Date()): Record<string, unknown> {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    error: failure.error,
    error_description: `AADSTS${failure.code}: ${failure.message} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `${origin}/error?code=${failure.code}`,
  };
}

export const AADSTS = {
  tenantNotFound: (tenant: string): EntraError => ({
    status: 400,
    error: 'invalid_tenant',
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  tenantMalformed: (tenant: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 900023,
    message: `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
  }),
  appNotFound: (appId: string, tenantName: string): EntraError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 700016,
    message: `Application with identifier '${appId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  appDisabled: (appId: string, name: string): EntraError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 7000112,
    message: `Application '${appId}'(${name}) is disabled.`,
  }),
  secretMissing: (): EntraError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000218,
    message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  secretInvalid: (appId: string): EntraError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000215,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
  }),
  secretExpired: (appId: string): EntraError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000222,
    message: `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  }),
  scopeWithoutDefault: (scope: string): EntraError => ({
    status: 400,
    error: 'invalid_scope',
    code: 1002012,
    message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  scopeInvalid: (scope: string): EntraError => ({
    status: 400,
    error: 'invalid_scope',
    code: 70011,
    message: `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
  }),
  resourceNotFound: (resource: string, tenantName: string): EntraError => ({
    status: 400,
    error: 'invalid_resource',
    code: 500011,
    message: `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  conditionalAccess: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 53003,
    message: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  }),
  unsupportedGrant: (grant: string): EntraError => ({
    status: 400,
    error: 'unsupported_grant_type',
    code: 70003,
    message: `The app requested an unsupported grant type '${grant}'.`,
  }),
  missingParameter: (name: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  // The authorization code grant's (auth-code.ts), worded alike for the --login and --admin flows.
  codeRedeemed: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 54005,
    message: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  }),
  codeInvalid: (): EntraError => ({ status: 400, error: 'invalid_grant', code: 70000, message: "The provided value for the 'code' parameter is not valid." }),
  redirectNotTheCodes: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 500112,
    message: 'The reply address does not match the reply address provided when requesting Authorization code.',
  }),
  pkceMismatch: (): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 501481,
    message: 'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
  }),
  consentMissing: (appId: string, appName: string): EntraError => ({
    status: 400,
    error: 'invalid_grant',
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${appId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
  }),
  mixedResources: (): EntraError => ({
    status: 400,
    error: 'invalid_scope',
    code: 28000,
    message: 'Provided value for the input parameter scope is not valid because it contains more than one resource.',
  }),
} as const;
