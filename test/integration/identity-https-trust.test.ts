/**
 * Identity HTTPS (fetchJson) refuses, before sending anything (no request, no bearer token), a chain
 * trusted through tls.caFile but for another host name, an expired leaf under a trusted root, an expired
 * attacker root, a leaf signed by a non-CA certificate, and a wildcard asked to match two labels; with the
 * same extraCa a valid one is fetched.
 */
import https from 'node:https';
import tls from 'node:tls';
import type net from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fetchJson } from '../../src/probes/https/client.js';
import { isHttpError } from '../../src/probes/https/failure.js';
import { createCa, createIntermediate, daysFromNow, issueCert, type IssuedCert } from '../../standins/certs.js';
import { loopbackResolver } from '../support/check-context.js';

const root = createCa('Http Review Root', 'http-review-root');
const notCa = createIntermediate(root, 'Http Review Not A CA', { isCa: false });
const attackerRoot = createCa('Http Attacker Root', 'http-attacker-root', { notBefore: daysFromNow(-900), notAfter: daysFromNow(-400) });
const certs: Record<string, IssuedCert> = {
  'ok.test': issueCert(root, { hosts: ['ok.test'] }),
  'wrong.test': issueCert(root, { hosts: ['other.test'] }),
  'expired.test': issueCert(root, { hosts: ['expired.test'], notBefore: daysFromNow(-90), notAfter: daysFromNow(-2) }),
  'attacker.test': issueCert(attackerRoot, { hosts: ['attacker.test'], sendRoot: true }),
  'notca.test': issueCert(notCa, { hosts: ['notca.test'], notBefore: daysFromNow(-90), notAfter: daysFromNow(-2) }),
  'wildcard.test': issueCert(root, { hosts: ['*.test'] }),
};
const requests: string[] = [];
let server: https.Server;
let port = 0;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  server = https.createServer(
    {
      key: certs['ok.test']!.key,
      cert: certs['ok.test']!.cert,
      SNICallback: (name, done) => {
        const chosen = certs[name] ?? certs['ok.test']!;
        done(null, tls.createSecureContext({ key: chosen.key, cert: chosen.cert }));
      },
    },
    (request, response) => {
      requests.push(`${request.headers.host ?? ''} ${request.url ?? ''} ${request.headers.authorization ?? ''}`);
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    },
  );
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const settings = { timeoutMs: 3000, extraCa: [root.pem], resolver: loopbackResolver, env: {} };

it('fetches over a chain trusted through tls.caFile that names the host (control)', async () => {
  requests.length = 0;
  const response = await fetchJson(`https://ok.test:${port}/x`, { headers: { authorization: 'Bearer CANARY' } }, settings);
  expect(response.status).toBe(200);
  expect(requests).toHaveLength(1);
});

it.each([
  ['wrong.test', 'TLS_HOSTNAME_MISMATCH'],
  ['expired.test', 'TLS_CERT_EXPIRED'],
  ['attacker.test', 'TLS_CERT_UNTRUSTED'],
  ['notca.test', 'TLS_CERT_UNTRUSTED'],
  ['a.b.wildcard.test', 'TLS_HOSTNAME_MISMATCH'],
])('refuses %s before sending any request (%s)', async (host, code) => {
  requests.length = 0;
  const error = await fetchJson(`https://${host}:${port}/x`, { headers: { authorization: 'Bearer CANARY' } }, settings).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isHttpError(error)).toBe(true);
  expect((error as { code?: string }).code).toBe(code);
  expect(requests).toEqual([]);
});
