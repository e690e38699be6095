/**
 * Who receives a domain's mail, from the host names of its MX records: Microsoft's Exchange Online
 * Protection, Google, a security gateway in front of either, or some other host (the customer's own
 * server, a hosting company). Host patterns and their sources: docs/provider-facts.md §MX hosts.
 */
import type { Cloud } from '../config/types.js';

export type MailExchanger =
  | { readonly kind: 'microsoft'; readonly cloud: Cloud }
  | { readonly kind: 'google' }
  | { readonly kind: 'gateway'; readonly vendor: string }
  | { readonly kind: 'other' };

/** Exchange Online Protection's inbound hosts, per cloud. `mx.microsoft` is the default for new domains since 2026 (DNSSEC/DANE). */
const MICROSOFT_SUFFIXES: ReadonlyArray<readonly [string, Cloud]> = [
  ['mail.protection.outlook.com', 'global'],
  ['mx.microsoft', 'global'],
  ['mail.protection.office365.us', 'usgov'],
  ['mail.protection.partner.outlook.cn', 'china'],
];

/** Google's MX hosts: Workspace's single `smtp.google.com` (since 2023) and the classic five; gmail.com's own. */
const GOOGLE_HOSTS =
  /^(?:smtp\.google\.com|aspmx\.l\.google\.com|alt[1-4]\.aspmx\.l\.google\.com|aspmx[2-5]\.googlemail\.com|(?:alt[1-4]\.)?gmail-smtp-in\.l\.google\.com)$/;

/** Inbound security gateways (mail filtering services) by the domains their MX hosts live under. */
const GATEWAYS: ReadonlyArray<{ readonly vendor: string; readonly suffixes: readonly string[] }> = [
  { vendor: 'Proofpoint', suffixes: ['pphosted.com', 'ppe-hosted.com'] },
  { vendor: 'Mimecast', suffixes: ['mimecast.com', 'mimecast.co.za', 'mimecast-offshore.com'] },
  { vendor: 'Barracuda', suffixes: ['barracudanetworks.com'] },
  { vendor: 'Cisco Secure Email', suffixes: ['iphmx.com'] },
  { vendor: 'Trend Micro', suffixes: ['tmes.trendmicro.com', 'tmes.trendmicro.eu', 'tmes-anz.trendmicro.com', 'tmes.trendmicro.co.jp'] },
  { vendor: 'Sophos', suffixes: ['hydra.sophos.com'] },
  { vendor: 'Broadcom (Symantec) Email Security.cloud', suffixes: ['messagelabs.com'] },
  { vendor: 'Forcepoint', suffixes: ['mailcontrol.com'] },
  { vendor: 'Hornetsecurity', suffixes: ['hornetsecurity.com'] },
  { vendor: 'Cloudflare Email Security', suffixes: ['mxrecord.io', 'mxrecord.mx'] },
];

function normalise(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/**
 * An MX host as it may be shown: lower-case, without the trailing dot, and every character outside
 * printable ASCII replaced by `?` (a hostile DNS answer must not put control sequences on a terminal).
 */
export function printableHost(exchange: string): string {
  return normalise(exchange).replace(/[^\x21-\x7e]/g, '?');
}

function under(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

/** Who an MX host belongs to. */
export function classifyExchanger(exchange: string): MailExchanger {
  const host = normalise(exchange);
  for (const [suffix, cloud] of MICROSOFT_SUFFIXES) if (under(host, suffix)) return { kind: 'microsoft', cloud };
  if (GOOGLE_HOSTS.test(host)) return { kind: 'google' };
  for (const gateway of GATEWAYS) if (gateway.suffixes.some((suffix) => under(host, suffix))) return { kind: 'gateway', vendor: gateway.vendor };
  return { kind: 'other' };
}
