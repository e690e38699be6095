/**
 * A loopback HTTPS server standing for a mail domain's Thunderbird autoconfig hosts
 * (`https://autoconfig.<domain>/mail/config-v1.1.xml` and `https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml`,
 * https://wiki.mozilla.org/Thunderbird:Autoconfiguration), for `init`'s discovery, the tests and the demo:
 * `endpoints.autoconfig` (or the wizard's override) points both at it, and the domain is read from the
 * `emailaddress` query parameter Thunderbird sends. Each domain answers from a table: a file, any status,
 * a body that is not XML, or a redirect. Every request is recorded. Certificates come from standins/certs.ts.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { issueCert, type TestCa } from './certs.js';

export interface AutoconfigAnswer {
  readonly status?: number;
  readonly body?: string;
  readonly contentType?: string;
  /** Sent as `Location` (with status 302 unless given). */
  readonly location?: string;
}

/** What a domain's two autoconfig places answer; an absent one is 404. */
export interface AutoconfigDomain {
  readonly autoconfig?: AutoconfigAnswer;
  readonly wellKnown?: AutoconfigAnswer;
}

export interface AutoconfigRequest {
  readonly path: string;
  readonly host: string;
  readonly domain: string;
}

export interface AutoconfigServer {
  /** `https://127.0.0.1:PORT`: the value for `endpoints.autoconfig`. */
  readonly base: string;
  readonly requests: AutoconfigRequest[];
  set(domain: string, answers: AutoconfigDomain): void;
  close(): Promise<void>;
}

const AUTOCONFIG_PATH = '/mail/config-v1.1.xml';
const WELL_KNOWN_PATH = '/.well-known/autoconfig/mail/config-v1.1.xml';

export interface ServerSettings {
  readonly hostname: string;
  readonly port: number;
  readonly socketType: 'SSL' | 'STARTTLS' | 'plain';
}

/** A config-v1.1.xml as mail providers publish it (the elements Thunderbird reads). */
export function thunderbirdConfig(domain: string, servers: { imap?: ServerSettings; pop3?: ServerSettings; smtp?: ServerSettings }): string {
  const incoming = (type: string, server: ServerSettings) =>
    `    <incomingServer type="${type}">\n      <hostname>${server.hostname}</hostname>\n      <port>${server.port}</port>\n      <socketType>${server.socketType}</socketType>\n      <username>%EMAILADDRESS%</username>\n      <authentication>password-cleartext</authentication>\n    </incomingServer>\n`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<clientConfig version="1.1">\n',
    `  <emailProvider id="${domain}">\n`,
    `    <domain>${domain}</domain>\n`,
    `    <displayName>${domain} mail</displayName>\n`,
    servers.imap ? incoming('imap', servers.imap) : '',
    servers.pop3 ? incoming('pop3', servers.pop3) : '',
    servers.smtp
      ? `    <outgoingServer type="smtp">\n      <hostname>${servers.smtp.hostname}</hostname>\n      <port>${servers.smtp.port}</port>\n      <socketType>${servers.smtp.socketType}</socketType>\n      <username>%EMAILADDRESS%</username>\n      <authentication>password-cleartext</authentication>\n    </outgoingServer>\n`
      : '',
    '  </emailProvider>\n',
    '</clientConfig>\n',
  ].join('');
}

export async function startAutoconfigServer(ca: TestCa, domains: Readonly<Record<string, AutoconfigDomain>> = {}): Promise<AutoconfigServer> {
  const table = new Map(Object.entries(domains).map(([domain, answers]) => [domain.toLowerCase(), answers]));
  const requests: AutoconfigRequest[] = [];
  const certificate = issueCert(ca, { hosts: ['127.0.0.1', 'localhost'] });
  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const address = url.searchParams.get('emailaddress') ?? '';
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    requests.push({ path: url.pathname, host: request.headers.host ?? '', domain });
    const entry = table.get(domain);
    const answer = url.pathname === AUTOCONFIG_PATH ? entry?.autoconfig : url.pathname === WELL_KNOWN_PATH ? entry?.wellKnown : undefined;
    if (!answer) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': answer.contentType ?? 'application/xml' };
    if (answer.location) headers.location = answer.location;
    response.writeHead(answer.status ?? (answer.location ? 302 : 200), headers).end(answer.body ?? '');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `https://127.0.0.1:${port}`,
    requests,
    set: (domain, answers) => void table.set(domain.toLowerCase(), answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
