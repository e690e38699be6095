/**
 * smtp.* name the server family in their evidence, and smtp.auth's AUTH_NOT_OFFERED gives a vendor's advice
 * only to that vendor's server: none for a Postfix behind `provider: imap`, Exchange Server's receive
 * connectors for an on-premises Exchange banner, Exchange Online's host for an Exchange Online front end.
 * Scripted SMTP servers (standins/fault-servers.ts) send the families' default banners.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import { RunMemo } from '../../../src/core/memo.js';
import { translate } from '../../../src/i18n/index.js';
import { makeAccount, makeContext, secret } from '../../support/check-context.js';
import { createCa, issueCert } from '../../../standins/certs.js';
import { closeFaultServers, startScriptedSmtp } from '../../../standins/fault-servers.js';

const ca = createCa();
const certificate = issueCert(ca, { hosts: ['smtp.example.test'] });

afterAll(async () => {
  await closeFaultServers();
});

/** smtp.connect → smtp.tls → smtp.auth on one session, as the runner runs them. */
async function runSmtp(greeting: string, ehloAfterTls: readonly string[], authReply?: string): Promise<Record<string, CheckOutcome>> {
  const server = await startScriptedSmtp({ certificate, greeting, ehloAfterTls, ...(authReply ? { auth: () => authReply } : {}) });
  const account = makeAccount({
    provider: 'imap',
    mailbox: 'vendas@example.test',
    auth: { method: 'password', password: secret('Smtp-Family-Password-3') },
    outgoing: { host: 'smtp.example.test', port: server.port, security: 'starttls' },
  });
  const shared = new RunMemo();
  const outcomes: Record<string, CheckOutcome> = {};
  try {
    for (const check of [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck]) {
      outcomes[check.id] = await check.run(makeContext(account, { shared, extraCa: [ca.pem], options: { stepTimeoutMs: 8000 } }));
    }
  } finally {
    await shared.dispose();
  }
  return outcomes;
}

function family(outcome: CheckOutcome | undefined): string | undefined {
  return outcome?.evidence?.find((entry) => entry.label === 'mail.evidence.serverFamily')?.value;
}

/** Every fix as the user reads it, in English and Portuguese, with its command. */
function fixes(outcome: CheckOutcome | undefined): string {
  return (['en', 'pt-BR'] as const)
    .flatMap((locale) => (outcome?.remediation ?? []).map((step) => `${translate(locale, step.message.key, step.message.params)} ${step.target ?? ''}`))
    .join('\n');
}

describe('AUTH not offered: vendor advice only for the vendor', () => {
  it('a Postfix server gets no Exchange advice, and is named in the evidence of connect, tls and auth', async () => {
    const outcomes = await runSmtp('220 smtp.example.test ESMTP Postfix (Debian/GNU)', ['SIZE 10240000', '8BITMIME']);
    expect(outcomes['smtp.auth']).toMatchObject({ status: 'fail', code: 'AUTH_NOT_OFFERED' });
    expect(fixes(outcomes['smtp.auth'])).not.toMatch(/Exchange|office365|Authenticated SMTP/i);
    for (const id of ['smtp.connect', 'smtp.tls', 'smtp.auth'])
      expect(family(outcomes[id])).toMatch(/^Postfix \(greeting: 220 smtp\.example\.test ESMTP Postfix/);
  });

  it('a server that names nothing gets no vendor advice and no family', async () => {
    const outcomes = await runSmtp('220 smtp.example.test ESMTP', ['8BITMIME']);
    expect(outcomes['smtp.auth']?.code).toBe('AUTH_NOT_OFFERED');
    expect(fixes(outcomes['smtp.auth'])).not.toMatch(/Exchange|office365/i);
    expect(family(outcomes['smtp.auth'])).toBeUndefined();
  });

  it('an on-premises Exchange banner behind provider: imap gets Exchange Server advice (receive connectors), not Exchange Online’s', async () => {
    const outcomes = await runSmtp('220 mail.contoso.test Microsoft ESMTP MAIL Service ready at Mon, 7 Dec 2026 10:00:00 -0300', [
      'SIZE 37748736',
      '8BITMIME',
      'XRDST',
    ]);
    expect(outcomes['smtp.auth']?.code).toBe('AUTH_NOT_OFFERED');
    expect(family(outcomes['smtp.auth'])).toMatch(/^Microsoft Exchange Server \(on-premises\)/);
    const text = fixes(outcomes['smtp.auth']);
    expect(text).toContain('Get-ReceiveConnector | Format-List Name,Bindings,AuthMechanism,PermissionGroups');
    expect(text).not.toContain('smtp.office365.com');
  });

  it('an Exchange Online front end gets the Exchange Online advice', async () => {
    const outcomes = await runSmtp('220 SN4PR0501CA0056.namprd05.prod.outlook.com Microsoft ESMTP MAIL Service ready at Mon, 7 Dec 2026 13:00:00 +0000', [
      '8BITMIME',
    ]);
    expect(family(outcomes['smtp.connect'])).toMatch(/^Microsoft Exchange Online \(Office 365\).*SN4PR0501CA0056\.namprd05\.prod\.outlook\.com/);
    expect(fixes(outcomes['smtp.auth'])).toContain('smtp.office365.com');
    expect(fixes(outcomes['smtp.auth'])).not.toContain('Get-ReceiveConnector');
  });
});

describe('a refused AUTH: the server’s words in the summary, Exchange Online’s name only for Exchange Online', () => {
  function summary(outcome: CheckOutcome | undefined): string {
    return outcome ? translate('en', outcome.summary.key, outcome.summary.params) : '';
  }

  it('a Postfix refusal quotes its text, not only its code', async () => {
    const outcomes = await runSmtp(
      '220 smtp.example.test ESMTP Postfix',
      ['AUTH PLAIN LOGIN'],
      '535 5.7.8 Error: authentication failed: authentication failure',
    );
    expect(outcomes['smtp.auth']).toMatchObject({ status: 'fail', code: 'AUTH_REJECTED' });
    expect(summary(outcomes['smtp.auth'])).toContain('535 5.7.8 Error: authentication failed: authentication failure');
  });

  it('an on-premises Exchange’s "535 5.7.3 Authentication unsuccessful" is not called Exchange Online', async () => {
    const outcomes = await runSmtp(
      '220 mail.contoso.test Microsoft ESMTP MAIL Service ready at Mon, 7 Dec 2026 10:00:00 -0300',
      ['AUTH NTLM LOGIN PLAIN'],
      '535 5.7.3 Authentication unsuccessful',
    );
    expect(outcomes['smtp.auth']).toMatchObject({ status: 'fail', code: 'AUTH_REJECTED' });
    expect(summary(outcomes['smtp.auth'])).not.toContain('Exchange Online');
    expect(summary(outcomes['smtp.auth'])).toContain('535 5.7.3 Authentication unsuccessful');
    expect(fixes(outcomes['smtp.auth'])).not.toMatch(/admin\.microsoft\.com|Microsoft 365 admin/i);
  });
});
