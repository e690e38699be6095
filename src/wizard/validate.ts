import { DATE_PATTERN, DOMAIN_PATTERN, EMAIL_PATTERN, GOOGLE_CLIENT_ID_PATTERN, GUID_PATTERN, HOST_PATTERN } from '../config/schema.js';
import { msg } from '../i18n/index.js';
import { hasSecretShape } from '../secrets/shape.js';
import type { Message } from '../core/message.js';

/**
 * What the wizard checks as each answer is typed: the same shapes as the schema (schema.ts patterns), plus
 * the mix-ups people make when copying IDs out of the Entra admin center (the Application ID pasted as the
 * Object ID, the Secret ID pasted as the secret). `true`, or the message that says what to type instead.
 * No message ever repeats the value typed: it may be a secret pasted in the wrong field.
 */
export type Verdict = true | Message;

const same = (a: string, b: string | undefined) => b !== undefined && a.toLowerCase() === b.toLowerCase();

export function validateGuid(value: string, options: { optional?: boolean } = {}): Verdict {
  if (value === '' && options.optional) return true;
  return GUID_PATTERN.test(value) ? true : msg('wizard.invalid.guid');
}

/** Directory (tenant) ID: a GUID or a verified domain such as contoso.onmicrosoft.com. */
export function validateTenant(value: string): Verdict {
  if (GUID_PATTERN.test(value) || DOMAIN_PATTERN.test(value)) return true;
  if (/^https?:\/\//i.test(value)) return msg('wizard.invalid.tenantUrl');
  return msg('wizard.invalid.tenant');
}

/** Office 365's Application (client) ID: a GUID; a Google client ID means the provider is wrong. */
export function validateOfficeClientId(value: string): Verdict {
  if (GUID_PATTERN.test(value)) return true;
  if (GOOGLE_CLIENT_ID_PATTERN.test(value)) return msg('wizard.invalid.clientIdGoogle');
  return msg('wizard.invalid.guid');
}

/** The Object ID is another object than the application: the same GUID twice is a copy mistake. */
export function validateObjectId(value: string, clientId: string | undefined): Verdict {
  if (value === '') return true;
  if (!GUID_PATTERN.test(value)) return msg('wizard.invalid.guid');
  return same(value, clientId) ? msg('wizard.invalid.objectIdIsClientId') : true;
}

/** A GUID, or (often) the secret's value pasted in the Secret ID column's place. */
function looksLikeSecretValue(value: string): boolean {
  // Entra secret values are ~40 characters with a `~` in the 4th position (e.g. `abc8Q~…`); anything long
  // without GUID shape is treated the same way.
  return /^.{3}\d?Q~/.test(value) || value.includes('~') || (value.length >= 30 && !/[-]/.test(value));
}

export function validateSecretId(value: string, ids: { clientId?: string; objectId?: string }): Verdict {
  if (value === '') return true;
  if (!GUID_PATTERN.test(value)) return looksLikeSecretValue(value) ? msg('wizard.invalid.secretIdIsValue') : msg('wizard.invalid.guid');
  if (same(value, ids.clientId)) return msg('wizard.invalid.secretIdIsClientId');
  if (same(value, ids.objectId)) return msg('wizard.invalid.secretIdIsObjectId');
  return true;
}

/** A client secret typed into the wizard: never a GUID (that is the Secret ID, or another ID). */
export function validateClientSecretValue(value: string, ids: { secretId?: string }): Verdict {
  if (value.length === 0) return msg('wizard.invalid.empty');
  if (GUID_PATTERN.test(value.trim()) || same(value.trim(), ids.secretId)) return msg('wizard.invalid.secretIsGuid');
  return true;
}

export function validateNonEmptySecret(value: string): Verdict {
  return value.length > 0 ? true : msg('wizard.invalid.empty');
}

export function validateGoogleClientId(value: string): Verdict {
  if (GOOGLE_CLIENT_ID_PATTERN.test(value)) return true;
  if (GUID_PATTERN.test(value)) return msg('wizard.invalid.clientIdAzure');
  return msg('wizard.invalid.googleClientId');
}

export function validateEmail(value: string, options: { optional?: boolean } = {}): Verdict {
  if (value === '' && options.optional) return true;
  return EMAIL_PATTERN.test(value) ? true : msg('wizard.invalid.email');
}

/** A host name only: a URL or `host:port` gets the host back as the suggestion. */
export function validateHost(value: string): Verdict {
  if (value === '') return msg('wizard.invalid.empty');
  if (HOST_PATTERN.test(value)) return true;
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `x://${value}`;
  try {
    const host = new URL(candidate).hostname;
    if (host && host !== value && HOST_PATTERN.test(host)) return msg('wizard.invalid.hostOnly', { host });
  } catch {
    // not a URL either: the general message below
  }
  return msg('wizard.invalid.host');
}

export function validatePort(value: string): Verdict {
  if (!/^\d{1,5}$/.test(value)) return msg('wizard.invalid.port');
  const port = Number(value);
  return port >= 1 && port <= 65535 ? true : msg('wizard.invalid.port');
}

/** https, or http://localhost (127.0.0.1, [::1]) for the loopback sign-in: the schema's two forms. */
export function validateRedirectUri(value: string): Verdict {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return msg('wizard.invalid.redirectUri');
  }
  // The schema refuses user:password@ in a URL: refused here too, so that the file is never refused at the end.
  if (url.username || url.password) return msg('wizard.invalid.redirectUri');
  if (url.protocol === 'https:' && url.hostname.length > 0) return true;
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return true;
  return msg('wizard.invalid.redirectUri');
}

function isoDay(year: number, month: number, day: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : undefined;
}

/**
 * A date as the Entra admin center shows it, read as YYYY-MM-DD: ISO as written in the file, or the
 * portal's own short date in the person's language — day first in pt-BR (31/05/2027), month first in
 * English (5/31/2027) — with any time of day after it ignored ("31/05/2027 14:00", "5/31/2027, 2:00 PM").
 * Undefined when it is not a day that exists.
 */
export function parsePortalDate(value: string, locale: 'pt-BR' | 'en'): string | undefined {
  const trimmed = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ,].*)?$/.exec(trimmed);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const short = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,T].*)?$/.exec(trimmed);
  if (!short) return undefined;
  const [first, second, year] = [Number(short[1]), Number(short[2]), Number(short[3])];
  return locale === 'pt-BR' ? isoDay(year, second, first) : isoDay(year, first, second);
}

/** A date the portal shows (see parsePortalDate), or YYYY-MM-DD. */
export function validateDate(value: string, options: { optional?: boolean; locale?: 'pt-BR' | 'en' } = {}): Verdict {
  if (value === '' && options.optional) return true;
  if (options.locale === undefined) {
    if (!DATE_PATTERN.test(value)) return msg('wizard.invalid.date');
    return isoDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))) ? true : msg('wizard.invalid.date');
  }
  return parsePortalDate(value, options.locale) !== undefined
    ? true
    : msg(options.locale === 'pt-BR' ? 'wizard.invalid.datePortalPt' : 'wizard.invalid.datePortalEn');
}

// Ports whose security is fixed by convention (RFC 8314 for 465/993/995, RFC 6409 for 587, RFC 3501 /
// RFC 1939 for 143/110): a pair against it cannot work, so it is refused as typed, not by a later check.
const IMPLICIT_TLS_PORTS: ReadonlySet<number> = new Set([465, 993, 995]);
const PLAIN_FIRST_PORTS: ReadonlySet<number> = new Set([25, 587, 143, 110]);

/** A port that cannot work with the chosen security (465 + STARTTLS, 993 + STARTTLS, 587 + TLS …). */
export function validatePortForSecurity(value: string, security: 'tls' | 'starttls' | 'none'): Verdict {
  const shape = validatePort(value);
  if (shape !== true) return shape;
  const port = Number(value);
  if (security !== 'tls' && IMPLICIT_TLS_PORTS.has(port)) return msg('wizard.invalid.portNeedsTls', { port });
  if (security === 'tls' && PLAIN_FIRST_PORTS.has(port)) return msg('wizard.invalid.portIsPlainFirst', { port });
  return true;
}

/**
 * A host typed as a URL or `host:port` (`imaps://outlook.office365.com:993`, `https://mail.example.com/`):
 * the host, and the port when one was written. Undefined when the value is a plain host or not a URL.
 */
export function hostFromPasted(value: string): { host: string; port?: number } | undefined {
  if (HOST_PATTERN.test(value)) return undefined;
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `x://${value}`;
  try {
    const url = new URL(candidate);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!host || !HOST_PATTERN.test(host) || url.username || url.password) return undefined;
    return url.port ? { host, port: Number(url.port) } : { host };
  } catch {
    return undefined;
  }
}

/**
 * A value that is a secret, typed where no secret belongs (a name, an ID, a host): an Entra client secret
 * value (`xxx8Q~…`), a Google client secret (`GOCSPX-…`), refresh token (`1//…`), access token (`ya29.…`),
 * a JWT, an app password as Google shows it (four groups of four letters), or a secret this process
 * already knows. The wizard refuses it and clears it from the screen.
 */
export function looksLikeSecret(value: string, known: (value: string) => boolean = () => false): boolean {
  return hasSecretShape(value) || (value.trim().length >= 6 && known(value.trim()));
}

/** A name every shell accepts: `export NAME=…`, `$env:NAME = …`, `set NAME=…`. */
export function validateEnvName(value: string): Verdict {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? true : msg('wizard.invalid.envName');
}

/** A path for `${file:…}`: the reference cannot hold `}` or a line break. */
export function validateSecretFilePath(value: string): Verdict {
  if (value === '') return msg('wizard.invalid.empty');
  return /[}\r\n]/.test(value) ? msg('wizard.invalid.filePath') : true;
}

export function validateAccountName(value: string, taken: readonly string[]): Verdict {
  if (value === '') return msg('wizard.invalid.empty');
  return taken.some((name) => same(value, name)) ? msg('wizard.invalid.nameTaken', { name: value }) : true;
}

export function validateLogin(value: string): Verdict {
  return /\s/.test(value) ? msg('wizard.invalid.login') : true;
}
