/**
 * The chain the server sent, against Dovecot (IMAP) and smtp-server (SMTP) on loopback, with a
 * root → intermediate → leaf chain built at run time and the root trusted through tls.caFile:
 * - the evidence marks the certificates Node took from the trust store (it completes what the server sent),
 *   never calling them sent;
 * - a server that sends only its leaf is told to install the full chain (TLS_CHAIN_INCOMPLETE), the CA
 *   Issuers URL shown and never fetched (the network guard refuses anything but loopback);
 * - a leaf from an unknown CA, without a CA Issuers URL (a TLS-inspecting proxy), stays TLS_CERT_UNTRUSTED.
 */
import { smtpConnectCheck } from '../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../src/checks/smtp/tls.js';
import type { CheckOutcome } from '../../src/core/check.js';
import { translate } from '../../src/i18n/index.js';
import { createCa, createIntermediate, issueCert } from '../../standins/certs.js';
import { makeAccount, runInOrder, secret } from '../support/check-context.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../support/smtp-server.js';
import { dovecotAccount, evidence, remediationText, runIncoming } from './incoming/run-incoming.js';

const HOST = 'mail.example.test';
const CA_ISSUERS = 'http://ca.example.test/intermediate.crt';
const root = createCa('Chain Test Root', 'chain-root');
const intermediate = createIntermediate(root, 'Chain Test Intermediate');
const fullChain = issueCert(intermediate, { hosts: [HOST, 'localhost', '127.0.0.1'], caIssuersUrl: CA_ISSUERS });
const leafOnly = issueCert(intermediate, { hosts: [HOST, 'localhost', '127.0.0.1'], caIssuersUrl: CA_ISSUERS, leafOnly: true });
const proxyCa = createCa('Inspecting Proxy CA', 'chain-proxy');
const proxied = issueCert(proxyCa, { hosts: [HOST, 'localhost', '127.0.0.1'] });
const trusted = { extraCa: [root.pem] };

let complete: DovecotServer;
let incomplete: DovecotServer;
let smtpIncomplete: SmtpTestServer;
let smtpProxied: SmtpTestServer;

beforeAll(async () => {
  [complete, incomplete, smtpIncomplete, smtpProxied] = await Promise.all([
    startDovecot({ certificate: fullChain }),
    startDovecot({ certificate: leafOnly }),
    startSmtpServer({ certificate: leafOnly, users: {} }),
    startSmtpServer({ certificate: proxied, users: {} }),
  ]);
}, 30_000);
afterAll(async () => {
  await Promise.all([complete?.stop(), incomplete?.stop(), smtpIncomplete?.close(), smtpProxied?.close()]);
});

function rendered(outcome: CheckOutcome | undefined): string {
  if (!outcome) return '';
  return (['en', 'pt-BR'] as const)
    .flatMap((locale) => [
      translate(locale, outcome.summary.key, outcome.summary.params),
      ...(outcome.remediation ?? []).map((entry) => translate(locale, entry.message.key, entry.message.params)),
    ])
    .join('\n');
}

describe('the chain in the evidence', () => {
  it('marks the root from tls.caFile "from the trust store", the leaf and intermediate as sent', async () => {
    const run = await runIncoming(dovecotAccount('imap', 'tls', complete, HOST), trusted, 'tls');
    expect(run.tls.outcome?.status).toBe('pass');
    const chain = evidence(run.tls.outcome, 'mail.evidence.certChain') ?? '';
    expect(chain.split(' ← ')).toEqual([
      expect.stringMatching(/^CN=mail\.example\.test.* \(sent by the server\)$/),
      expect.stringMatching(/^CN=Chain Test Intermediate.* \(sent by the server\)$/),
      expect.stringMatching(/^CN=Chain Test Root.* \(from the trust store\)$/),
    ]);
    // The same in the transcript (--trace), to set beside `openssl s_client -showcerts`.
    expect(run.transcript.find((line) => line.startsWith('tls: chain as linked: '))).toMatch(
      /"CN=mail\.example\.test[^"]*" \(sent by the server\) ← "CN=Chain Test Intermediate[^"]*" \(sent by the server\) ← "CN=Chain Test Root[^"]*" \(from the trust store\)$/,
    );
  });
});

describe('a server that sends only its leaf', () => {
  it.each(['tls', 'starttls'] as const)('IMAP %s: TLS_CHAIN_INCOMPLETE, install the full chain, the CA Issuers URL shown', async (security) => {
    const run = await runIncoming(dovecotAccount('imap', security, incomplete, HOST), trusted, 'tls');
    expect(run.tls.outcome).toMatchObject({
      status: 'fail',
      code: 'TLS_CHAIN_INCOMPLETE',
      summary: { key: 'mail.tls.chainIncomplete', params: { issuer: expect.stringContaining('CN=Chain Test Intermediate') } },
    });
    expect(evidence(run.tls.outcome, 'mail.evidence.missingIntermediate')).toContain('CN=Chain Test Intermediate');
    expect(evidence(run.tls.outcome, 'mail.evidence.caIssuers')).toBe(`${CA_ISSUERS} (not downloaded)`);
    expect(evidence(run.tls.outcome, 'mail.evidence.certTrust')).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(remediationText(run.tls.outcome)).toMatch(/^mail\.fix\.chainIncomplete /);
    expect(rendered(run.tls.outcome)).toMatch(/does not send its intermediate certificate/);
    expect(rendered(run.tls.outcome)).toMatch(/install the full chain/);
    // Nothing went over the untrusted connection.
    expect(run.auth.outcome).toBeUndefined();
  });

  it('SMTP STARTTLS: the same diagnosis', async () => {
    const account = makeAccount({
      auth: { method: 'password', password: secret('Chain-Test-Password-1') },
      outgoing: { host: HOST, port: smtpIncomplete.port, security: 'starttls' },
    });
    const [, tls] = await runInOrder([smtpConnectCheck, smtpTlsCheck], account, [root.pem]);
    expect(tls).toMatchObject({ status: 'fail', code: 'TLS_CHAIN_INCOMPLETE', summary: { key: 'mail.tls.chainIncomplete' } });
    expect(tls?.evidence?.find((entry) => entry.label === 'mail.evidence.caIssuers')?.value).toContain(CA_ISSUERS);
  });

  it('a leaf from an unknown CA without a CA Issuers URL (an inspecting proxy) stays TLS_CERT_UNTRUSTED with the tls.caFile fix first', async () => {
    const account = makeAccount({
      auth: { method: 'password', password: secret('Chain-Test-Password-1') },
      outgoing: { host: HOST, port: smtpProxied.port, security: 'starttls' },
    });
    const [, tls] = await runInOrder([smtpConnectCheck, smtpTlsCheck], account, [root.pem]);
    expect(tls).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(tls?.remediation?.[0]?.message.key).toBe('mail.fix.caFile');
  });
});
