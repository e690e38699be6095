import { describe, expect, it } from '@jest/globals';
import { makeAccount, makeContext, type AccountOverrides } from '../../../test/support/check-context.js';
import { translate } from '../../i18n/index.js';
import type { CheckOutcome } from '../../core/check.js';
import { incomingPortCheck } from './incoming-port.js';

async function check(overrides: AccountOverrides): Promise<CheckOutcome> {
  return incomingPortCheck.run(makeContext(makeAccount(overrides)));
}
const targets = (outcome: CheckOutcome) => (outcome.remediation ?? []).map((step) => step.target);
const both = (outcome: CheckOutcome) => [
  translate('en', outcome.summary.key, outcome.summary.params),
  translate('pt-BR', outcome.summary.key, outcome.summary.params),
];

describe('config.incoming-port: security against port', () => {
  it.each([
    ['imap', 993, 'starttls'],
    ['pop3', 995, 'starttls'],
    ['imap', 993, 'none'],
  ] as const)('fails with INCOMING_SECURITY_PORT_MISMATCH for %s on %i with %s (TLS from the first byte)', async (protocol, port, security) => {
    const outcome = await check({ incoming: { protocol, host: 'mail.example.test', port, security } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'INCOMING_SECURITY_PORT_MISMATCH' });
    expect(targets(outcome)[0]).toBe(`incoming: { protocol: ${protocol}, host: mail.example.test, port: ${port}, security: tls }`);
    expect(both(outcome)[0]).toContain('speaks TLS from the first byte');
  });

  it.each([
    ['imap', 143, 993],
    ['pop3', 110, 995],
  ] as const)('fails with INCOMING_SECURITY_PORT_MISMATCH for %s on %i with tls, pointing at %i', async (protocol, port, implicitPort) => {
    const outcome = await check({ incoming: { protocol, host: 'mail.example.test', port, security: 'tls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'INCOMING_SECURITY_PORT_MISMATCH' });
    expect(targets(outcome)[0]).toBe(`incoming: { protocol: ${protocol}, host: mail.example.test, port: ${implicitPort}, security: tls }`);
    expect(both(outcome)[1]).toContain(`usa a porta ${implicitPort}`);
  });
});

describe('config.incoming-port: protocol against port', () => {
  it('fails with INCOMING_PROTOCOL_PORT_MISMATCH for IMAP on 995, suggesting 993', async () => {
    const outcome = await check({ incoming: { protocol: 'imap', host: 'mail.example.test', port: 995, security: 'tls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'INCOMING_PROTOCOL_PORT_MISMATCH' });
    expect(targets(outcome)[0]).toBe('incoming: { protocol: imap, host: mail.example.test, port: 993, security: tls }');
    expect(both(outcome)).toEqual([
      'port 995 is the POP3 port, but the protocol is IMAP: the server would greet in the other protocol',
      'a porta 995 é a do POP3, mas o protocolo é IMAP: o servidor responderia no outro protocolo',
    ]);
  });

  it('fails with INCOMING_PROTOCOL_PORT_MISMATCH for POP3 on 143, suggesting 110', async () => {
    const outcome = await check({ incoming: { protocol: 'pop3', host: 'mail.example.test', port: 143, security: 'starttls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'INCOMING_PROTOCOL_PORT_MISMATCH' });
    expect(targets(outcome)[0]).toBe('incoming: { protocol: pop3, host: mail.example.test, port: 110, security: starttls }');
  });
});

describe('config.incoming-port: providers', () => {
  it('fails with INCOMING_IMPLICIT_TLS_REQUIRED for Office 365 on 143 with STARTTLS', async () => {
    const outcome = await check({ provider: 'office365', incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 143, security: 'starttls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'INCOMING_IMPLICIT_TLS_REQUIRED' });
    expect(targets(outcome)[0]).toBe('incoming: { protocol: imap, host: outlook.office365.com, port: 993, security: tls }');
    expect(both(outcome)[0]).toBe('Office 365 accepts IMAP only on port 993 with implicit TLS (security tls)');
    expect(outcome.remediation?.[1]?.message).toEqual({
      key: 'config.incomingPort.fix.tactium',
      params: { protocol: 'IMAP', host: 'outlook.office365.com', port: 993, security: 'SSL/TLS' },
    });
  });

  it('fails with INCOMING_IMPLICIT_TLS_REQUIRED for Gmail POP3 on another port, with pop.gmail.com:995', async () => {
    const outcome = await check({ provider: 'gmail', incoming: { protocol: 'pop3', host: 'pop.gmail.com', port: 1995, security: 'tls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'INCOMING_IMPLICIT_TLS_REQUIRED' });
    expect(targets(outcome)[0]).toBe('incoming: { protocol: pop3, host: pop.gmail.com, port: 995, security: tls }');
  });

  it('fails with INCOMING_NO_TLS for Office 365 with security none', async () => {
    const outcome = await check({
      provider: 'office365',
      cloud: 'china',
      incoming: { protocol: 'imap', host: 'partner.outlook.cn', port: 143, security: 'none' },
    });
    expect(outcome).toMatchObject({ status: 'fail', code: 'INCOMING_NO_TLS' });
    expect(targets(outcome)[0]).toBe('incoming: { protocol: imap, host: partner.outlook.cn, port: 993, security: tls }');
  });

  it('only warns with INCOMING_NO_TLS for another provider with security none', async () => {
    const outcome = await check({ incoming: { protocol: 'pop3', host: 'mail.example.test', port: 110, security: 'none' } });
    expect(outcome).toMatchObject({ status: 'warn', code: 'INCOMING_NO_TLS' });
    expect(both(outcome)[1]).toBe('com segurança none o login e a senha do POP3 trafegam em texto puro pela rede');
  });

  it('passes Office 365 IMAP on 993 and POP3 on 995 with tls', async () => {
    expect((await check({ provider: 'office365', incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 993, security: 'tls' } })).status).toBe(
      'pass',
    );
    const pop = await check({ provider: 'office365', incoming: { protocol: 'pop3', host: 'outlook.office365.com', port: 995, security: 'tls' } });
    expect(pop.status).toBe('pass');
    expect(both(pop)).toEqual(['POP3 on port 995 with tls is a working combination', 'POP3 na porta 995 com tls é uma combinação que funciona']);
  });

  it('passes 143 with STARTTLS for another provider', async () => {
    expect((await check({ incoming: { protocol: 'imap', host: 'mail.example.test', port: 143, security: 'starttls' } })).status).toBe('pass');
  });

  it('passes a non-standard port with a note', async () => {
    const outcome = await check({ incoming: { protocol: 'imap', host: 'mail.example.test', port: 10993, security: 'tls' } });
    expect(outcome.status).toBe('pass');
    expect(both(outcome)[0]).toBe('port 10993 is not the standard IMAP port; make sure the server really listens there with tls');
  });

  it('gives the protocol, host, port and security as evidence, marking provider defaults', async () => {
    const outcome = await check({
      provider: 'office365',
      incoming: { protocol: 'imap', host: 'outlook.office365.com', port: 143, security: 'starttls' },
      explicit: ['incoming.port', 'incoming.security'],
    });
    expect(outcome.evidence).toEqual([
      { label: 'config.evidence.settingDefault', value: 'incoming.protocol: imap' },
      { label: 'config.evidence.settingDefault', value: 'incoming.host: outlook.office365.com' },
      { label: 'config.evidence.setting', value: 'incoming.port: 143' },
      { label: 'config.evidence.setting', value: 'incoming.security: starttls' },
    ]);
  });
});

describe('config.incoming-port: security none keeps a custom port in its fix', () => {
  it.each([
    ['imap', 10143, 'STARTTLS'],
    ['pop3', 10110, 'STLS'],
    ['imap', 143, 'STARTTLS'],
  ] as const)('%s on %i: keep the port with %s first, implicit TLS on the standard port second', async (protocol, port, command) => {
    const outcome = await check({ incoming: { protocol, host: 'mail.example.test', port, security: 'none' } });
    expect(outcome).toMatchObject({ status: 'warn', code: 'INCOMING_NO_TLS' });
    expect(targets(outcome)).toEqual([
      `incoming: { protocol: ${protocol}, host: mail.example.test, port: ${port}, security: starttls }`,
      `incoming: { protocol: ${protocol}, host: mail.example.test, port: ${protocol === 'imap' ? 993 : 995}, security: tls }`,
    ]);
    expect(outcome.remediation?.[0]?.message).toEqual({ key: 'config.incomingPort.fix.keepPortStarttls', params: { port, command } });
  });
});
