import { z } from 'zod';

/**
 * The YAML file's schema (version 1), the one source of both the validator and the JSON Schema printed by
 * `tactium-preflight schema` (zod 4's `z.toJSONSchema`). Cross-field rules (required keys per provider and
 * auth method) live in `rules.ts` as data and are applied to both as well.
 */

export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A DNS name as typed by a person (at least one dot; labels of letters, digits and hyphens). */
export const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
/** A host: a DNS name (one label allowed, e.g. `localhost`), an IPv4 address or an IPv6 literal. */
export const HOST_PATTERN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$|^\[?[0-9a-fA-F:.]+\]?$/;
export const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+$/;
export const GOOGLE_CLIENT_ID_PATTERN = /^[0-9]+-[0-9a-zA-Z_]+\.apps\.googleusercontent\.com$/;
/** `${env:NAME}` or `${file:path}`: how secrets are referenced instead of written in the file. */
export const REFERENCE_PATTERN = /^\$\{(env|file):([^}]+)\}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const PROVIDERS = ['office365', 'gmail', 'imap'] as const;
export const AUTH_METHODS = ['oauth2', 'password'] as const;
export const OAUTH_FLOWS = ['delegated', 'application'] as const;
export const CLOUDS = ['global', 'usgov', 'usgovdod', 'china'] as const;
export const INCOMING_PROTOCOLS = ['imap', 'pop3'] as const;
export const SECURITIES = ['tls', 'starttls', 'none'] as const;

const guid = z.string().regex(GUID_PATTERN, { message: 'guid' }).describe('A GUID, e.g. 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c');
const email = z.string().regex(EMAIL_PATTERN, { message: 'email' }).describe('An e-mail address');
const host = z.string().regex(HOST_PATTERN, { message: 'host' }).describe('A host name (no scheme, no port), e.g. outlook.office365.com');
const port = z.number().int().min(1).max(65535).describe('A TCP port, 1–65535');
// The explicit regex repeats the protocol rule in a form the JSON Schema carries (`pattern`), so that an editor
// and the loader give the same verdict (zod's `protocol` option is not exported to JSON Schema).
const httpsUrl = z
  .url({ protocol: /^https$/, message: 'https-url' })
  // No user:password@ (RFC 3986 §3.2.1 deprecates it): every message and fix that shows the URL would print it.
  .regex(/^https:\/\/[^/?#\s@]+(?:[/?#]|$)/, { message: 'https-url' })
  .describe('An https:// URL');
const loopbackUrl = z
  .url({ protocol: /^http$/, hostname: /^(localhost|127\.0\.0\.1|\[::1\])$/, message: 'redirect-uri' })
  .regex(/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?([/?#]|$)/, { message: 'redirect-uri' })
  .describe('http://localhost (or 127.0.0.1, [::1]) with an optional port, for the loopback sign-in');
/** A secret: a reference (`${env:NAME}`, `${file:path}`), or a literal, which `config.secrets-inline` warns about. */
const secret = z.string().min(1).describe('A secret. Write a reference — ${env:NAME} or ${file:path} — instead of the value.');

export const authSchema = z
  .strictObject({
    method: z.enum(AUTH_METHODS).describe('oauth2 (recommended; required for Office 365 IMAP/POP3) or password (for Gmail an app password)'),
    flow: z
      .enum(OAUTH_FLOWS)
      .optional()
      .describe('Office 365 OAuth flow: delegated (a user signs in; needs the redirect URI) or application (client credentials; Exchange service principal)'),
    tenantId: z
      .union([guid, z.string().regex(DOMAIN_PATTERN, { message: 'tenant' })])
      .optional()
      .describe('Directory (tenant) ID: a GUID or a verified domain such as contoso.onmicrosoft.com'),
    clientId: z
      .string()
      .min(1)
      .optional()
      .describe('Office 365: the Application (client) ID (a GUID). Gmail: the Google Cloud OAuth client ID (…apps.googleusercontent.com)'),
    objectId: guid.optional().describe('The "Object ID" the customer copied from the Entra admin center'),
    secretId: guid.optional().describe('The "Secret ID" of the client secret (its keyId) — not the secret value'),
    clientSecret: secret.optional().describe('The client secret VALUE (shown once, when created). Use ${env:NAME} or ${file:path}.'),
    secretExpiresOn: z
      .string()
      .regex(DATE_PATTERN, { message: 'date' })
      .optional()
      .describe('Expiry date of the client secret as shown in the portal (YYYY-MM-DD), for warnings without --admin'),
    redirectUri: httpsUrl.or(loopbackUrl).optional().describe('The redirect URI registered for the app (https, or http://localhost for the loopback flow)'),
    password: secret.optional().describe('Mailbox password (for Gmail an app password). Use ${env:NAME} or ${file:path}.'),
    username: z.string().min(1).optional().describe('Login name, when it differs from the mailbox address'),
    refreshToken: secret
      .optional()
      .describe(
        'Gmail OAuth: a refresh token for the scope https://mail.google.com/ (optional: `check --login` obtains one). Use ${env:NAME} or ${file:path}.',
      ),
    accessToken: secret
      .optional()
      .describe('Any provider, oauth2: an access token you already have; token acquisition is skipped, the servers are still proven'),
  })
  .describe('How the tool signs in');

export const adminSchema = z.strictObject({
  user: email.optional().describe('The administrator who grants consent and runs the Exchange steps'),
  clientId: guid.optional().describe("Optional: the customer's own read-only app used for the --admin sign-in"),
});

export const incomingSchema = z.strictObject({
  protocol: z.enum(INCOMING_PROTOCOLS).optional().describe('imap (default) or pop3'),
  host: host.optional(),
  port: port.optional(),
  security: z.enum(SECURITIES).optional().describe('tls (implicit, 993/995), starttls (143/110) or none'),
});

export const outgoingSchema = z.strictObject({
  host: host.optional(),
  port: port.optional(),
  security: z.enum(SECURITIES).optional().describe('starttls (587, required by Office 365), tls (implicit, 465) or none'),
});

export const endpointsSchema = z.strictObject({
  login: httpsUrl.optional().describe('Entra ID authority host, e.g. https://login.microsoftonline.com'),
  graph: httpsUrl.optional().describe('Microsoft Graph, e.g. https://graph.microsoft.com'),
  googleToken: httpsUrl.optional().describe("Google's token endpoint, e.g. https://oauth2.googleapis.com/token"),
  dns: z
    .string()
    .regex(/^(?:[0-9.]+|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/, { message: 'dns-server' })
    .optional()
    .describe("A DNS server (IP[:port]) for the tool's own DNS queries (MX, SRV, diagnosis) instead of the system's, e.g. 127.0.0.1:5353"),
  autoconfig: httpsUrl
    .optional()
    .describe('Where the mail autoconfig files are read instead of https://autoconfig.<domain> and https://<domain>/.well-known, for tests'),
});

export const accountSchema = z.strictObject({
  name: z.string().min(1).describe('A unique label for this account'),
  provider: z.enum(PROVIDERS).describe('office365 | gmail | imap (any other IMAP/POP3 + SMTP provider)'),
  mailbox: email.describe('The mailbox address (may be a shared mailbox)'),
  auth: authSchema,
  admin: adminSchema.optional(),
  incoming: incomingSchema.optional(),
  outgoing: outgoingSchema.optional(),
  cloud: z.enum(CLOUDS).optional().describe('Office 365 national cloud: global (default), usgov, usgovdod, china'),
  endpoints: endpointsSchema.optional(),
});

export const configSchema = z
  .strictObject({
    version: z.literal(1).describe('The file format version: 1'),
    customer: z.string().min(1).max(200).optional().describe('The customer, shown on reports and the handoff sheet'),
    accounts: z.array(accountSchema).min(1).describe('The mailboxes to check'),
    tls: z
      .strictObject({
        caFile: z.string().min(1).optional().describe('Extra trust anchors (PEM) for TLS-inspecting proxies and private CAs, relative to this file'),
      })
      .optional(),
  })
  .describe('tactium-preflight configuration');

export type RawConfig = z.infer<typeof configSchema>;
export type RawAccount = z.infer<typeof accountSchema>;
