import type { Cloud, Endpoints, IncomingProtocol, Provider, Security } from './types.js';

/**
 * Provider defaults (host, port, security per provider). Office 365 hosts per national cloud:
 * https://learn.microsoft.com/en-us/entra/identity-platform/authentication-national-cloud and
 * https://learn.microsoft.com/graph/deployments; Exchange hosts per cloud as listed in
 * docs/provider-facts.md §National clouds (DoD and China SMTP hosts are not confirmed by Microsoft docs).
 */
export interface CloudHosts {
  readonly login: string;
  readonly graph: string;
  readonly incomingHost: string;
  readonly smtpHost: string;
  /** The Exchange resource whose `/.default` scope app-only tokens are requested for. */
  readonly exchangeResource: string;
}

export const CLOUD_HOSTS: Readonly<Record<Cloud, CloudHosts>> = {
  global: {
    login: 'https://login.microsoftonline.com',
    graph: 'https://graph.microsoft.com',
    incomingHost: 'outlook.office365.com',
    smtpHost: 'smtp.office365.com',
    exchangeResource: 'https://outlook.office365.com',
  },
  usgov: {
    login: 'https://login.microsoftonline.us',
    graph: 'https://graph.microsoft.us',
    incomingHost: 'outlook.office365.us',
    smtpHost: 'smtp.office365.us',
    exchangeResource: 'https://outlook.office365.us',
  },
  usgovdod: {
    login: 'https://login.microsoftonline.us',
    graph: 'https://dod-graph.microsoft.us',
    incomingHost: 'outlook-dod.office365.us',
    smtpHost: 'outlook-dod.office365.us',
    exchangeResource: 'https://outlook-dod.office365.us',
  },
  china: {
    login: 'https://login.partner.microsoftonline.cn',
    graph: 'https://microsoftgraph.chinacloudapi.cn',
    incomingHost: 'partner.outlook.cn',
    smtpHost: 'partner.outlook.cn',
    exchangeResource: 'https://partner.outlook.cn',
  },
};

export const GOOGLE_TOKEN_ENDPOINT = 'https://oauth2.googleapis.com/token';

export const GMAIL_HOSTS = { imap: 'imap.gmail.com', pop3: 'pop.gmail.com', smtp: 'smtp.gmail.com' } as const;

/** The conventional port for each protocol and security. */
export function conventionalPort(protocol: IncomingProtocol | 'smtp', security: Security): number {
  if (protocol === 'imap') return security === 'tls' ? 993 : 143;
  if (protocol === 'pop3') return security === 'tls' ? 995 : 110;
  return security === 'tls' ? 465 : 587;
}

export function defaultIncoming(provider: Provider, cloud: Cloud, protocol: IncomingProtocol) {
  if (provider === 'office365') return { host: CLOUD_HOSTS[cloud].incomingHost, port: protocol === 'imap' ? 993 : 995, security: 'tls' as const };
  if (provider === 'gmail') return { host: GMAIL_HOSTS[protocol], port: protocol === 'imap' ? 993 : 995, security: 'tls' as const };
  return undefined;
}

export function defaultOutgoing(provider: Provider, cloud: Cloud) {
  if (provider === 'office365') return { host: CLOUD_HOSTS[cloud].smtpHost, port: 587, security: 'starttls' as const };
  if (provider === 'gmail') return { host: GMAIL_HOSTS.smtp, port: 587, security: 'starttls' as const };
  return undefined;
}

export function defaultEndpoints(cloud: Cloud): Endpoints {
  return { login: CLOUD_HOSTS[cloud].login, graph: CLOUD_HOSTS[cloud].graph, googleToken: GOOGLE_TOKEN_ENDPOINT };
}

/** Host names that belong to a public provider: a private address for one of these means split DNS. */
export const PUBLIC_PROVIDER_HOST_SUFFIXES = [
  'office365.com',
  'outlook.com',
  'office365.us',
  'outlook.cn',
  'gmail.com',
  'google.com',
  'googlemail.com',
] as const;
