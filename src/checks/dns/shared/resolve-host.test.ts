import { describe, expect, it } from '@jest/globals';
import { makeAccount, makeContext } from '../../../../test/support/check-context.js';
import { translate } from '../../../i18n/index.js';
import { DnsLookupError } from '../../../probes/dns.js';
import type { DnsResolver } from '../../../core/services.js';
import type { Check, CheckOutcome } from '../../../core/check.js';
import { dnsIncomingCheck } from '../incoming.js';
import { dnsOutgoingCheck } from '../outgoing.js';
import { expectedHost, isPrivateAddress, isPublicProviderHost } from './resolve-host.js';

/** A resolver that fails every query with the given error (what c-ares or getaddrinfo would reject with). */
function failingWith(error: unknown): DnsResolver {
  return { resolve: async () => Promise.reject(error) };
}
function answering(...addresses: Array<{ address: string; family: number; resolver?: string }>): DnsResolver {
  return { resolve: async () => addresses };
}
function nodeError(code: string): Error {
  return Object.assign(new Error(`query ${code}`), { code });
}
function values(outcome: CheckOutcome, label: string): string[] {
  return (outcome.evidence ?? []).filter((item) => item.label === label).map((item) => item.value);
}

describe('dns checks metadata', () => {
  it('declare one network step and no dependencies', () => {
    const checks: Check[] = [dnsIncomingCheck, dnsOutgoingCheck];
    for (const check of checks) {
      expect(check).toMatchObject({ area: 'dns', needs: ['network'], steps: 1 });
      expect(check.dependsOn).toBeUndefined();
      expect(check.appliesTo(makeAccount(), makeContext(makeAccount()).config)).toBe(true);
    }
    expect(dnsIncomingCheck.id).toBe('dns.incoming');
    expect(dnsOutgoingCheck.id).toBe('dns.outgoing');
    expect(translate('pt-BR', dnsIncomingCheck.title)).toBe('O nome do servidor de recebimento é resolvido');
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['169.254.10.10', true],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['100.128.0.1', false],
    ['0.0.0.0', true],
    ['52.96.0.1', false],
    ['8.8.8.8', false],
    ['::1', true],
    ['fd12:3456::1', true],
    ['fc00::1', true],
    ['fe80::1', true],
    ['::ffff:10.0.0.1', true],
    ['2603:1036::1', false],
    ['::ffff:52.96.0.1', false],
    ['not-an-address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('isPublicProviderHost and expectedHost', () => {
  it('recognises provider hosts by suffix, case-insensitively and with a trailing dot', () => {
    expect(isPublicProviderHost('outlook.office365.com')).toBe(true);
    expect(isPublicProviderHost('SMTP.Office365.com.')).toBe(true);
    expect(isPublicProviderHost('imap.gmail.com')).toBe(true);
    expect(isPublicProviderHost('notoffice365.com')).toBe(false);
    expect(isPublicProviderHost('mail.contoso.com.br')).toBe(false);
  });

  it('knows each provider’s and cloud’s hosts', () => {
    expect(expectedHost(makeAccount({ provider: 'office365', cloud: 'usgov' }), 'incoming')).toBe('outlook.office365.us');
    expect(expectedHost(makeAccount({ provider: 'office365' }), 'outgoing')).toBe('smtp.office365.com');
    expect(expectedHost(makeAccount({ provider: 'gmail', incoming: { protocol: 'pop3' } }), 'incoming')).toBe('pop.gmail.com');
    expect(expectedHost(makeAccount({ provider: 'imap' }), 'outgoing')).toBeUndefined();
  });
});

describe('dns.* outcomes from resolver failures', () => {
  it('fails with DNS_TIMEOUT, states the seconds and suggests a longer --timeout', async () => {
    const account = makeAccount({ outgoing: { host: 'smtp.example.test' } });
    const outcome = await dnsOutgoingCheck.run(makeContext(account, { dns: failingWith(nodeError('ETIMEOUT')), options: { stepTimeoutMs: 20000 } }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_TIMEOUT' });
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe('the DNS server did not answer within 20 s when asked for smtp.example.test');
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toBe('o servidor DNS não respondeu em 20 s à consulta de smtp.example.test');
    const longer = outcome.remediation?.find((step) => step.message.key === 'dns.fix.longerTimeout');
    expect(longer?.message.params).toEqual({ seconds: 40 });
  });

  it('fails with DNS_NO_NETWORK when the resolver found no network interface, and shows what each resolver said', async () => {
    const error = new DnsLookupError(
      'mail.example.test',
      'ETIMEOUT',
      'c-ares → 10.0.0.53: ETIMEOUT; getaddrinfo (operating system resolver, hosts file): EAI_AGAIN',
      true,
    );
    const outcome = await dnsIncomingCheck.run(makeContext(makeAccount({ incoming: { host: 'mail.example.test' } }), { dns: failingWith(error) }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_NO_NETWORK' });
    expect(values(outcome, 'dns.evidence.resolver')).toEqual([error.resolver]);
    expect(values(outcome, 'dns.evidence.error')).toEqual(['ETIMEOUT']);
    expect(outcome.remediation?.[0]?.message.key).toBe('dns.fix.noNetwork');
  });

  it('fails with DNS_LOOKUP_FAILED and the code for a DNS error it has no diagnosis for', async () => {
    const account = makeAccount({ incoming: { host: 'mail.example.test' } });
    const outcome = await dnsIncomingCheck.run(makeContext(account, { dns: failingWith(nodeError('EBADNAME')) }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_LOOKUP_FAILED' });
    expect(translate('en', outcome.summary.key, outcome.summary.params)).toBe('resolving mail.example.test failed (EBADNAME)');
  });

  it('fails with DNS_NO_ADDRESS when a resolver answers with an empty list', async () => {
    const outcome = await dnsIncomingCheck.run(makeContext(makeAccount({ incoming: { host: 'mail.example.test' } }), { dns: answering() }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'DNS_NO_ADDRESS' });
  });

  it('lets an unexpected exception through (the runner records error, not the customer’s fail)', async () => {
    const context = makeContext(makeAccount({ incoming: { host: 'mail.example.test' } }), { dns: failingWith(new TypeError('bug')) });
    await expect(dnsIncomingCheck.run(context)).rejects.toThrow('bug');
  });

  it('lets the abort through when the run is interrupted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('SIGINT'));
    const context = makeContext(makeAccount({ incoming: { host: 'mail.example.test' } }), {
      dns: failingWith(nodeError('ECANCELLED')),
      signal: controller.signal,
    });
    await expect(dnsIncomingCheck.run(context)).rejects.toThrow('query ECANCELLED');
  });
});

describe('dns.* outcomes from answers', () => {
  it('warns with DNS_PRIVATE_ADDRESS for an IPv4-mapped private answer to smtp.gmail.com, naming only the private one', async () => {
    const account = makeAccount({ provider: 'gmail', outgoing: { host: 'smtp.gmail.com' } });
    const outcome = await dnsOutgoingCheck.run(
      makeContext(account, { dns: answering({ address: '142.250.0.108', family: 4 }, { address: '::ffff:192.168.0.9', family: 6 }) }),
    );
    expect(outcome).toMatchObject({ status: 'warn', code: 'DNS_PRIVATE_ADDRESS' });
    expect(outcome.summary.params).toMatchObject({ addresses: '::ffff:192.168.0.9' });
    expect(translate('pt-BR', outcome.summary.key, outcome.summary.params)).toContain('os servidores da Tactium vão resolver o endereço público');
  });

  it('says where the host came from: the file line, or the provider default', async () => {
    const written = {
      ...makeAccount({ incoming: { host: 'mail.example.test' }, explicit: ['incoming.host'] }),
      positions: new Map([['incoming.host', { line: 7, column: 13 }]]),
    };
    const fromFile = await dnsIncomingCheck.run(makeContext(written, { dns: answering({ address: '192.0.2.1', family: 4 }) }));
    expect(values(fromFile, 'config.evidence.setting')).toEqual(['incoming.host: mail.example.test — test.yaml:7']);

    const defaulted = makeAccount({ provider: 'office365', incoming: { host: 'outlook.office365.com' } });
    const fromDefault = await dnsIncomingCheck.run(
      makeContext(defaulted, { dns: answering({ address: '52.97.0.1', family: 4, resolver: 'c-ares → 10.0.0.53' }) }),
    );
    expect(fromDefault.status).toBe('pass');
    expect(values(fromDefault, 'config.evidence.settingDefault')).toEqual(['incoming.host: outlook.office365.com']);
    expect(values(fromDefault, 'dns.evidence.resolver')).toEqual(['c-ares → 10.0.0.53']);
  });
});
