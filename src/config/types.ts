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

/** An account after validation, provider defaults and reference resolution. */
export interface Account {
  readonly name: string;
  readonly provider: Provider;
  readonly mailbox: string;
  readonly auth: AuthConfig;
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

export interface PreflightConfig {
  /** Absolute path of the YAML file. */
  readonly file: string;
  /** `customer:` — who the accounts belong to, for reports and the handoff sheet. */
  readonly customer?: string;
  readonly accounts: readonly Account[];
  readonly tls: { readonly caFile?: string; readonly extraCa: readonly string[] };
}
