import type { Secret } from '../secrets/secret.js';
import type { CLOUDS, INCOMING_PROTOCOLS, OAUTH_FLOWS, PROVIDERS, SECURITIES, AUTH_METHODS } from './schema.js';

export type Provider = (typeof PROVIDERS)[number];
export type AuthMethod = (typeof AUTH_METHODS)[number];
export type OAuthFlow = (typeof OAUTH_FLOWS)[number];
export type Cloud = (typeof CLOUDS)[number];
export type IncomingProtocol = (typeof INCOMING_PROTOCOLS)[number];
export type Security = (typeof SECURITIES)[number];

/** Where in the YAML file a value was written (1-based), for messages that point at it. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** The keys `auth` may have in the file; which of them each kind of account must have is below (config/rules.ts). */
export interface AuthConfig {
  readonly method: AuthMethod;
  readonly flow?: OAuthFlow;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly objectId?: string;
  readonly secretId?: string;
  readonly clientSecret?: Secret;
  readonly secretExpiresOn?: string;
  readonly redirectUri?: string;
  readonly password?: Secret;
  readonly username?: string;
  readonly refreshToken?: Secret;
  readonly accessToken?: Secret;
}

/**
 * A password sign-in, any provider (rules office365.password, gmail.password, imap.password). The secrets
 * stay optional in every kind: a configuration read without resolving them (`init`) has none.
 */
export interface PasswordAuth extends AuthConfig {
  readonly method: 'password';
}

/**
 * Office 365 OAuth, either flow: rules office365.oauth2.ids and office365.oauth2.flow. The client secret
 * (and, delegated, the redirect URI) may give way to `auth.accessToken`, a token to test.
 */
export interface Office365OAuthAuth extends AuthConfig {
  readonly method: 'oauth2';
  readonly flow: OAuthFlow;
  readonly tenantId: string;
  readonly clientId: string;
}

export interface Office365ApplicationAuth extends Office365OAuthAuth {
  readonly flow: 'application';
}

export interface Office365DelegatedAuth extends Office365OAuthAuth {
  readonly flow: 'delegated';
}

/** Gmail OAuth: the client ID and secret (rule gmail.oauth2) — unless `auth.accessToken` is given to test instead. */
export interface GmailOAuthAuth extends AuthConfig {
  readonly method: 'oauth2';
}

/** IMAP OAuth: a token obtained elsewhere (rule imap.oauth2). */
export interface ImapOAuthAuth extends AuthConfig {
  readonly method: 'oauth2';
}

/** The secret-bearing keys of `auth`, in one list so that redaction and `config.secrets-inline` agree. */
export const SECRET_KEYS = ['clientSecret', 'password', 'refreshToken', 'accessToken'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly security: Security;
}

export interface Endpoints {
  readonly login: string;
  readonly graph: string;
  readonly googleToken: string;
  /** `endpoints.dns`: a DNS server (IP[:port]) for direct queries; absent = the system's servers. */
  readonly dns?: string;
  /** `endpoints.autoconfig`: a base URL that replaces the autoconfig hosts of the mailbox domain (tests, sandbox). */
  readonly autoconfig?: string;
}

/** What every account has, whatever its kind. */
interface AccountBase {
  readonly name: string;
  readonly mailbox: string;
  readonly admin?: { readonly user?: string; readonly clientId?: string };
  readonly incoming: Endpoint & { readonly protocol: IncomingProtocol };
  readonly outgoing: Endpoint;
  readonly cloud: Cloud;
  readonly endpoints: Endpoints;
  /** Which of host/port/security were written in the file (the rest came from provider defaults). */
  readonly explicit: ReadonlySet<string>;
  /** Positions of the account's keys by dotted path (`auth.clientSecret`), for messages. */
  readonly positions: ReadonlyMap<string, SourcePosition>;
}

export interface Office365Account extends AccountBase {
  readonly provider: 'office365';
  readonly auth: Office365ApplicationAuth | Office365DelegatedAuth | PasswordAuth;
}

export interface GmailAccount extends AccountBase {
  readonly provider: 'gmail';
  readonly auth: GmailOAuthAuth | PasswordAuth;
}

export interface ImapAccount extends AccountBase {
  readonly provider: 'imap';
  readonly auth: ImapOAuthAuth | PasswordAuth;
}

/**
 * An account after validation, provider defaults and reference resolution: a union of kinds by provider,
 * `auth.method` and `auth.flow`, so that what the cross-field rules require is known to the type system
 * (config/account-kind.ts has the guards).
 */
export type Account = Office365Account | GmailAccount | ImapAccount;

export type Office365OAuthAccount = Office365Account & { readonly auth: Office365ApplicationAuth | Office365DelegatedAuth };
export type Office365ApplicationAccount = Office365Account & { readonly auth: Office365ApplicationAuth };
export type Office365DelegatedAccount = Office365Account & { readonly auth: Office365DelegatedAuth };
export type GmailOAuthAccount = GmailAccount & { readonly auth: GmailOAuthAuth };

export interface PreflightConfig {
  /** Absolute path of the YAML file. */
  readonly file: string;
  /** `customer:` — who the accounts belong to, for reports and the handoff sheet. */
  readonly customer?: string;
  readonly accounts: readonly Account[];
  readonly tls: { readonly caFile?: string; readonly extraCa: readonly string[] };
}
