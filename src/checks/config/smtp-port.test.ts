import { describe, expect, it } from '@jest/globals';
import { makeAccount, makeContext, type AccountOverrides } from '../../../test/support/check-context.js';
import { translate } from '../../i18n/index.js';
import type { CheckOutcome } from '../../core/check.js';
import { SMTP_DEVICE_DOC } from '../../providers/microsoft/urls.js';
import { PORT_25_MANAGEMENT_DOC, smtpPortCheck } from './smtp-port.js';

async function check(overrides: AccountOverrides): Promise<CheckOutcome> {
  return smtpPortCheck.run(makeContext(makeAccount(overrides)));
}
function targets(outcome: CheckOutcome): Array<string | undefined> {
  return (outcome.remediation ?? []).map((step) => step.target);
}
const both = (outcome: CheckOutcome) => [
  translate('en', outcome.summary.key, outcome.summary.params),
  translate('pt-BR', outcome.summary.key, outcome.summary.params),
];

describe('config.smtp-port for Office 365', () => {
  it('fails with SMTP_IMPLICIT_TLS_UNSUPPORTED on 465, with Microsoft’s reason, its page and the exact fix', async () => {
    const outcome = await check({
      provider: 'office365',
      outgoing: { host: 'smtp.office365.com', port: 465, security: 'tls' },
      explicit: ['outgoing.port', 'outgoing.security'],
    });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SMTP_IMPLICIT_TLS_UNSUPPORTED' });
    expect(targets(outcome)).toEqual(['outgoing: { host: smtp.office365.com, port: 587, security: starttls }', undefined, SMTP_DEVICE_DOC]);
    expect(outcome.remediation?.[1]?.message).toEqual({
      key: 'config.smtpPort.fix.tactium',
      params: { host: 'smtp.office365.com', port: 587, security: 'STARTTLS' },
    });
    const [en, pt] = both(outcome);
    expect(en).toContain('does not support SMTP AUTH client submission');
    expect(pt).toContain('não é compatível com o envio por SMTP AUTH');
    expect(outcome.evidence).toEqual([
      { label: 'config.evidence.settingDefault', value: 'outgoing.host: smtp.office365.com' },
      { label: 'config.evidence.setting', value: 'outgoing.port: 465' },
      { label: 'config.evidence.setting', value: 'outgoing.security: tls' },
    ]);
  });

  it('fails with SMTP_IMPLICIT_TLS_UNSUPPORTED for security tls on 587 too, with the cloud’s own host', async () => {
    const outcome = await check({ provider: 'office365', cloud: 'usgov', outgoing: { host: 'smtp.office365.us', port: 587, security: 'tls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SMTP_IMPLICIT_TLS_UNSUPPORTED' });
    expect(targets(outcome)[0]).toBe('outgoing: { host: smtp.office365.us, port: 587, security: starttls }');
  });

  it('fails with SMTP_NO_TLS for security none (credentials in clear text, refused without TLS)', async () => {
    const outcome = await check({ provider: 'office365', outgoing: { host: 'smtp.office365.com', port: 587, security: 'none' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SMTP_NO_TLS' });
    expect(both(outcome)[0]).toBe('security none would send the login and password in clear text, and Office 365 refuses to log in without TLS');
  });

  it('warns with SMTP_PORT_25 on 25 with STARTTLS (documented, but often blocked outbound)', async () => {
    const outcome = await check({ provider: 'office365', outgoing: { host: 'smtp.office365.com', port: 25, security: 'starttls' } });
    expect(outcome).toMatchObject({ status: 'warn', code: 'SMTP_PORT_25' });
    expect(targets(outcome)).toEqual(['outgoing: { host: smtp.office365.com, port: 587, security: starttls }', PORT_25_MANAGEMENT_DOC]);
    const [en, pt] = both(outcome);
    expect(en).toContain('Port 25 Management');
    expect(pt).toContain('Gerência de Porta 25 do CGI.br');
  });

  it('warns with SMTP_PORT_UNDOCUMENTED on a port Microsoft does not list', async () => {
    const outcome = await check({ provider: 'office365', outgoing: { host: 'smtp.office365.com', port: 2525, security: 'starttls' } });
    expect(outcome).toMatchObject({ status: 'warn', code: 'SMTP_PORT_UNDOCUMENTED' });
    expect(both(outcome)[0]).toBe('Office 365 does not document port 2525 for sending (documented: 587); the connection will probably fail');
  });

  it('passes 587 with STARTTLS', async () => {
    const outcome = await check({ provider: 'office365', outgoing: { host: 'smtp.office365.com', port: 587, security: 'starttls' } });
    expect(outcome.status).toBe('pass');
    expect(both(outcome)).toEqual(['port 587 with starttls is a working combination', 'porta 587 com starttls é uma combinação que funciona']);
  });
});

describe('config.smtp-port for any provider', () => {
  it('fails with SMTP_SECURITY_PORT_MISMATCH for 587 + tls, explaining that 587 starts in plain text', async () => {
    const outcome = await check({ outgoing: { host: 'smtp.example.test', port: 587, security: 'tls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SMTP_SECURITY_PORT_MISMATCH' });
    expect(targets(outcome)[0]).toBe('outgoing: { host: smtp.example.test, port: 587, security: starttls }');
    expect(both(outcome)[0]).toContain('starts in plain text and upgrades with STARTTLS');
  });

  it('fails with SMTP_SECURITY_PORT_MISMATCH for 465 + starttls, explaining that 465 speaks TLS from the first byte', async () => {
    const outcome = await check({ outgoing: { host: 'smtp.example.test', port: 465, security: 'starttls' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SMTP_SECURITY_PORT_MISMATCH' });
    expect(targets(outcome)[0]).toBe('outgoing: { host: smtp.example.test, port: 465, security: tls }');
    expect(both(outcome)[1]).toContain('fala TLS desde o primeiro byte');
  });

  it('fails with SMTP_SECURITY_PORT_MISMATCH for 465 + none and 25 + tls', async () => {
    expect(await check({ outgoing: { port: 465, security: 'none' } })).toMatchObject({ status: 'fail', code: 'SMTP_SECURITY_PORT_MISMATCH' });
    expect(await check({ outgoing: { port: 25, security: 'tls' } })).toMatchObject({ status: 'fail', code: 'SMTP_SECURITY_PORT_MISMATCH' });
  });

  it('passes Gmail on 465 with implicit TLS (Gmail supports it)', async () => {
    const outcome = await check({ provider: 'gmail', outgoing: { host: 'smtp.gmail.com', port: 465, security: 'tls' } });
    expect(outcome.status).toBe('pass');
  });

  it('fails with SMTP_NO_TLS for Gmail with security none', async () => {
    const outcome = await check({ provider: 'gmail', outgoing: { host: 'smtp.gmail.com', port: 587, security: 'none' } });
    expect(outcome).toMatchObject({ status: 'fail', code: 'SMTP_NO_TLS' });
    expect(targets(outcome)[0]).toBe('outgoing: { host: smtp.gmail.com, port: 587, security: starttls }');
  });

  it('only warns with SMTP_NO_TLS for another provider with security none', async () => {
    const outcome = await check({ outgoing: { host: 'smtp.example.test', port: 587, security: 'none' } });
    expect(outcome).toMatchObject({ status: 'warn', code: 'SMTP_NO_TLS' });
    expect(both(outcome)).toEqual([
      'security none sends the login and password in clear text over the network',
      'com segurança none o login e a senha trafegam em texto puro pela rede',
    ]);
  });

  it('warns with SMTP_PORT_25 for another provider on 25', async () => {
    expect(await check({ outgoing: { port: 25, security: 'starttls' } })).toMatchObject({ status: 'warn', code: 'SMTP_PORT_25' });
  });

  it('passes a non-standard port with a note to confirm the server listens there', async () => {
    const outcome = await check({ outgoing: { host: 'smtp.example.test', port: 2525, security: 'starttls' } });
    expect(outcome.status).toBe('pass');
    expect(outcome.code).toBeUndefined();
    expect(both(outcome)[0]).toBe('port 2525 is not a standard submission port; make sure the server really listens there with starttls');
  });

  it('shows the file line of a written setting', async () => {
    const account = {
      ...makeAccount({ outgoing: { port: 587, security: 'tls' }, explicit: ['outgoing.port'] }),
      positions: new Map([['outgoing.port', { line: 15, column: 13 }]]),
    };
    const outcome = await smtpPortCheck.run(makeContext(account));
    expect(outcome.evidence).toContainEqual({ label: 'config.evidence.setting', value: 'outgoing.port: 587 — test.yaml:15' });
  });
});
