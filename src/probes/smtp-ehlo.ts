/**
 * EHLO, both ways: the name this client gives (RFC 5321 §4.1.3) and what the server's 250 reply offers —
 * its extensions, STARTTLS and the SASL mechanisms, and which of those this tool uses for a credential.
 */
import os from 'node:os';
import net from 'node:net';
import type { SmtpReply } from './smtp-replies.js';

/** What EHLO said: the extensions (keyword and parameters, as sent) and what the checks look for. */
export interface SmtpCapabilities {
  /** The server's name and text from the first EHLO line. */
  readonly domain: string;
  /** One entry per extension line, e.g. `SIZE 35882577`, `STARTTLS`, `AUTH LOGIN XOAUTH2`. */
  readonly extensions: readonly string[];
  readonly startTls: boolean;
  /** SASL mechanisms from `AUTH …` (and the pre-RFC `AUTH=…` form), upper case. */
  readonly authMechanisms: readonly string[];
  readonly reply: SmtpReply;
}

/** Parses a 250 EHLO reply (RFC 5321 §4.1.1.1: first line the domain, then one extension per line). */
export function parseCapabilities(reply: SmtpReply): SmtpCapabilities {
  const texts = reply.lines.map((line) => line.replace(/^\d{3}[ -]?/, ''));
  const [domain = '', ...extensions] = texts;
  const mechanisms = new Set<string>();
  let startTls = false;
  for (const extension of extensions) {
    const [keyword = '', ...parameters] = extension.trim().split(/[\s=]+/);
    const upper = keyword.toUpperCase();
    if (upper === 'STARTTLS') startTls = true;
    if (upper === 'AUTH') for (const mechanism of parameters) if (mechanism) mechanisms.add(mechanism.toUpperCase());
  }
  return { domain, extensions: extensions.map((entry) => entry.trim()), startTls, authMechanisms: [...mechanisms], reply };
}

/** The SASL mechanisms this tool speaks, by credential. */
export type SmtpMechanism = 'PLAIN' | 'LOGIN' | 'XOAUTH2' | 'OAUTHBEARER';

/**
 * The mechanism for a credential among those offered: a password uses PLAIN, else LOGIN (Exchange Online
 * offers only LOGIN and XOAUTH2); a token uses XOAUTH2 (what Microsoft and Google document), else
 * OAUTHBEARER (RFC 7628). `undefined` when none fits.
 */
export function chooseMechanism(offered: readonly string[], credential: 'password' | 'token'): SmtpMechanism | undefined {
  const order: SmtpMechanism[] = credential === 'password' ? ['PLAIN', 'LOGIN'] : ['XOAUTH2', 'OAUTHBEARER'];
  return order.find((mechanism) => offered.includes(mechanism));
}

/** The capabilities of a session that sent no EHLO (its implicit TLS failed its checks). */
export const NOT_ASKED: SmtpCapabilities = { domain: '', extensions: [], startTls: false, authMechanisms: [], reply: { code: 0, lines: [], text: '' } };

/** The EHLO name: this machine's FQDN, or its address literal (RFC 5321 §4.1.3). */
export function defaultClientName(localAddress: string | undefined): string {
  const name = os.hostname();
  // A hostname with a dot can be an FQDN; plain names (DESKTOP-1234) are not acceptable EHLO domains.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(name)) return name;
  if (localAddress && net.isIPv6(localAddress) && !localAddress.startsWith('::ffff:')) return `[IPv6:${localAddress}]`;
  return `[${(localAddress ?? '127.0.0.1').replace(/^::ffff:/, '')}]`;
}
