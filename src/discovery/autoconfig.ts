/**
 * The Thunderbird autoconfig file of a mail domain (https://wiki.mozilla.org/Thunderbird:Autoconfiguration,
 * https://datatracker.ietf.org/doc/draft-bucksch-autoconfig/): first `https://autoconfig.<domain>/mail/config-v1.1.xml`,
 * then `https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml` — only the mailbox's own domain, over
 * verified HTTPS. A redirect is followed only within that domain; one to another domain is reported, not
 * followed. The file is hostile input: at most 64 KiB, checked for well-formedness by fast-xml-parser, any
 * DOCTYPE refused (no entity expansion, no external reference), entities never expanded, and every value
 * validated before it is proposed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fetchJson, type HttpSettings } from '../probes/https/client.js';
import { isHttpError } from '../probes/https/failure.js';
import type { IncomingProtocol, Security } from '../config/types.js';
import { isPlainHostName, type ServerProposal } from './types.js';

export type AutoconfigResult =
  | { readonly kind: 'found'; readonly url: string; readonly servers: ServerProposal }
  | { readonly kind: 'absent' }
  | { readonly kind: 'refused'; readonly url: string; readonly reason: 'doctype' | 'malformed' | 'incomplete' }
  | { readonly kind: 'redirectRefused'; readonly url: string; readonly target: string };

const MAX_BYTES = 64 * 1024;
const MAX_REDIRECTS = 2;

/** The two places, in Thunderbird's order; `base` (endpoints.autoconfig) replaces both hosts for tests and the sandbox. */
export function autoconfigUrls(address: string, domain: string, base?: string): string[] {
  const query = `?emailaddress=${encodeURIComponent(address)}`;
  const first = base ? base.replace(/\/+$/, '') : `https://autoconfig.${domain}`;
  const second = base ? base.replace(/\/+$/, '') : `https://${domain}`;
  return [`${first}/mail/config-v1.1.xml${query}`, `${second}/.well-known/autoconfig/mail/config-v1.1.xml${query}`];
}

/** A redirect may stay on the mailbox's domain (or a name under it), or on the override's own origin. */
function redirectAllowed(target: URL, domain: string, base?: string): boolean {
  if (target.protocol !== 'https:') return false;
  if (base) return target.origin === new URL(base).origin;
  const host = target.hostname.toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
}

/** Tries both places; the first file found (or refused) is the answer. */
export async function readAutoconfig(address: string, domain: string, settings: HttpSettings, base?: string): Promise<AutoconfigResult> {
  for (const start of autoconfigUrls(address, domain, base)) {
    const result = await fetchOne(start, domain, settings, base);
    if (result.kind !== 'absent') return result;
  }
  return { kind: 'absent' };
}

async function fetchOne(start: string, domain: string, settings: HttpSettings, base?: string): Promise<AutoconfigResult> {
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response;
    try {
      response = await fetchJson(url, { method: 'GET', headers: { accept: 'application/xml, text/xml' }, maxBytes: MAX_BYTES }, settings);
    } catch (error) {
      if (!isHttpError(error)) throw error;
      return { kind: 'absent' }; // no such host, no answer in time, an unverified certificate: nothing to propose
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.location;
      if (!location) return { kind: 'absent' };
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        return { kind: 'absent' };
      }
      if (!redirectAllowed(target, domain, base)) return { kind: 'redirectRefused', url: response.url, target: `${target.protocol}//${target.host}` };
      url = target.toString();
      continue;
    }
    if (response.status !== 200) return { kind: 'absent' };
    const parsed = parseAutoconfig(response.text, domain);
    return parsed.kind === 'ok' ? { kind: 'found', url: response.url, servers: parsed.servers } : { kind: 'refused', url: response.url, reason: parsed.reason };
  }
  return { kind: 'absent' };
}

type Parsed = { readonly kind: 'ok'; readonly servers: ServerProposal } | { readonly kind: 'error'; readonly reason: 'doctype' | 'malformed' | 'incomplete' };

/** Reads the first usable incoming server (IMAP before POP3) and the first SMTP server of a config-v1.1.xml. */
export function parseAutoconfig(text: string, domain: string): Parsed {
  const xml = text.replace(/^\uFEFF/, '');
  // A DTD is how entity bombs and external entities arrive; autoconfig files never need one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { kind: 'error', reason: 'doctype' };
  if (XMLValidator.validate(xml) !== true) return { kind: 'error', reason: 'malformed' };
  let document: unknown;
  try {
    document = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      parseTagValue: false,
      isArray: (name) => name === 'incomingServer' || name === 'outgoingServer' || name === 'emailProvider',
    }).parse(xml);
  } catch {
    return { kind: 'error', reason: 'malformed' };
  }
  const provider = field(field(document, 'clientConfig'), 'emailProvider');
  const first = Array.isArray(provider) ? provider[0] : undefined;
  const incoming = list(field(first, 'incomingServer'));
  const outgoing = list(field(first, 'outgoingServer'));
  const pick = (protocol: IncomingProtocol) => incoming.map((server) => readServer(server, protocol, domain)).find((server) => server !== undefined);
  const chosenIncoming = pick('imap') ?? pick('pop3');
  const chosenOutgoing = outgoing.map((server) => readServer(server, 'smtp', domain)).find((server) => server !== undefined);
  if (!chosenIncoming || !chosenOutgoing) return { kind: 'error', reason: 'incomplete' };
  return {
    kind: 'ok',
    servers: {
      incoming: { protocol: chosenIncoming.type as IncomingProtocol, host: chosenIncoming.host, port: chosenIncoming.port, security: chosenIncoming.security },
      outgoing: { host: chosenOutgoing.host, port: chosenOutgoing.port, security: chosenOutgoing.security },
    },
  };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

const SOCKET_TYPES: Readonly<Record<string, Security>> = { SSL: 'tls', STARTTLS: 'starttls', plain: 'none' };

function readServer(server: unknown, type: IncomingProtocol | 'smtp', domain: string) {
  if (text(field(server, '@_type'))?.toLowerCase() !== type) return undefined;
  const host = text(field(server, 'hostname'))
    ?.replace(/%EMAILDOMAIN%/g, domain)
    .toLowerCase();
  const port = Number(text(field(server, 'port')));
  const security = SOCKET_TYPES[text(field(server, 'socketType')) ?? ''];
  if (!host || !isPlainHostName(host) || !Number.isInteger(port) || port < 1 || port > 65535 || !security) return undefined;
  return { type, host, port, security };
}
