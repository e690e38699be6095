import type { AuthMethod, Cloud, IncomingProtocol, OAuthFlow, Provider, SecretKey, Security } from '../types.js';

export const AUTH_KEYS = [
  'method',
  'flow',
  'tenantId',
  'clientId',
  'objectId',
  'secretId',
  'clientSecret',
  'secretExpiresOn',
  'redirectUri',
  'username',
  'password',
  'refreshToken',
  'accessToken',
] as const;
export type AuthKey = (typeof AUTH_KEYS)[number];

/** One account as the wizard built it: the values to write, secrets as references (or insisted literals). */
export interface AccountDraft {
  readonly name: string;
  readonly provider: Provider;
  readonly mailbox: string;
  readonly auth: { readonly method: AuthMethod; readonly flow?: OAuthFlow } & Readonly<Partial<Record<Exclude<AuthKey, 'method' | 'flow'>, string>>>;
  readonly admin?: { readonly user?: string };
  readonly incoming: { readonly protocol: IncomingProtocol; readonly host: string; readonly port: number; readonly security: Security };
  readonly outgoing: { readonly host: string; readonly port: number; readonly security: Security };
  readonly cloud?: Cloud;
  /** Secret keys whose value is the secret itself, written only because the person insisted and confirmed. */
  readonly literalSecrets: readonly SecretKey[];
}

export type Plain = { [key: string]: PlainValue };
type PlainValue = string | number | Plain;

/** The keys `init` owns in an account; anything else the person wrote (endpoints, admin.clientId…) is kept. */
const MANAGED: readonly string[] = [
  'name',
  'provider',
  'mailbox',
  ...AUTH_KEYS.filter((key) => key !== 'accessToken').map((key) => `auth.${key}`),
  'admin.user',
  'incoming.protocol',
  'incoming.host',
  'incoming.port',
  'incoming.security',
  'outgoing.host',
  'outgoing.port',
  'outgoing.security',
  'cloud',
];

export function managedFor(draft: AccountDraft): string[] {
  // A token someone wrote by hand for testing stays unless the wizard asked for one (imap + oauth2).
  return draft.auth.accessToken !== undefined ? [...MANAGED, 'auth.accessToken'] : [...MANAGED];
}

/** The draft as the plain object the YAML should parse back to. */
export function draftToPlain(draft: AccountDraft): Plain {
  const auth: Plain = {};
  for (const key of AUTH_KEYS) {
    const value = draft.auth[key];
    if (value !== undefined && value !== '') auth[key] = value;
  }
  const plain: Plain = { name: draft.name, provider: draft.provider, mailbox: draft.mailbox, auth };
  if (draft.admin?.user) plain.admin = { user: draft.admin.user };
  plain.incoming = { ...draft.incoming };
  plain.outgoing = { ...draft.outgoing };
  if (draft.cloud !== undefined) plain.cloud = draft.cloud;
  return plain;
}
