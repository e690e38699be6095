import { diagnoseReply, parseImapStatus, parsePop3Status, replyForEvidence } from './incoming-replies.js';
import { Secret } from '../secrets/secret.js';

function imap(line: string, phase: 'login' | 'mailbox' = 'login') {
  const reply = parseImapStatus(line);
  if (!reply) throw new Error(`not a status line: ${line}`);
  return diagnoseReply(reply, phase);
}
function pop3(line: string, phase: 'login' | 'mailbox' = 'login') {
  const reply = parsePop3Status(line);
  if (!reply) throw new Error(`not a status line: ${line}`);
  return diagnoseReply(reply, phase);
}

describe('diagnoseReply', () => {
  it('recognises Gmail asking for an app password, with its help link', () => {
    expect(imap('A1 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)')).toEqual({
      kind: 'app-password-required',
      url: 'https://support.google.com/accounts/answer/185833',
    });
  });

  it('takes the WEBALERT URL as the place to sign in', () => {
    expect(imap('A1 NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1] Web login required.')).toEqual({
      kind: 'web-login-required',
      url: 'https://accounts.google.com/signin/continue?sarp=1',
    });
  });

  it('never takes a WEBALERT argument that is not a web address (a hostile javascript: or file: link)', () => {
    for (const argument of ['javascript:alert(document.domain)//', 'file:///etc/passwd', 'data:text/html,x']) {
      expect(imap(`A1 NO [WEBALERT ${argument}] Web login required.`).url).toBeUndefined();
    }
  });

  it("tells Exchange's generic AUTHENTICATE refusal from a coded one", () => {
    expect(imap('A1 NO AUTHENTICATE failed.').kind).toBe('exchange-rejected');
    expect(imap('A1 NO [AUTHENTICATIONFAILED] Authentication failed.').kind).toBe('auth-failed');
    expect(pop3('-ERR Authentication failure: unknown user name or bad password.').kind).toBe('exchange-rejected');
    expect(pop3('-ERR [AUTH] Authentication failed.').kind).toBe('auth-failed');
  });

  it('recognises the Exchange app-only state on the first command after login', () => {
    expect(imap('A3 BAD User is authenticated but not connected.', 'mailbox').kind).toBe('authenticated-not-connected');
  });

  it('recognises IMAP and POP disabled by Gmail and by the domain', () => {
    expect(
      imap('A1 NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)')
        .kind,
    ).toBe('protocol-disabled');
    expect(
      imap('A1 NO [ALERT] IMAP access is disabled for your domain. Please contact your domain administrator for questions about this feature. (Failure)').kind,
    ).toBe('protocol-disabled');
    expect(
      pop3(
        '-ERR [SYS/PERM] Your account is not enabled for POP access. Please visit your Gmail settings page and enable your account for POP access.',
        'mailbox',
      ).kind,
    ).toBe('protocol-disabled');
  });

  it('separates temporary from permanent server conditions', () => {
    expect(imap('A1 NO [UNAVAILABLE] Temporary authentication failure.').kind).toBe('temporary');
    expect(pop3('-ERR [SYS/TEMP] Internal error occurred.', 'mailbox').kind).toBe('temporary');
    expect(pop3('-ERR [IN-USE] Mailbox locked by another session').kind).toBe('temporary');
    expect(pop3('-ERR [SYS/PERM] Account suspended').kind).toBe('permanent');
  });

  it('keeps any other ALERT as an alert, and a bare refusal as a failed login or a failed mailbox', () => {
    expect(imap('A1 NO [ALERT] Planned maintenance tonight').kind).toBe('alert');
    expect(imap('A1 NO Login failed').kind).toBe('auth-failed');
    expect(imap('A4 NO [SERVERBUG] Internal error occurred.', 'mailbox').kind).toBe('mailbox-failed');
  });
});

describe('replyForEvidence', () => {
  it("drops Exchange's trailing server id", () => {
    expect(replyForEvidence('A1 NO AUTHENTICATE failed. [SN2PR00CA0018.namprd00.prod.outlook.com 2026-11-20T10:00:00.000Z 08DC]')).toBe(
      'A1 NO AUTHENTICATE failed.',
    );
  });
});

describe('replyForEvidence and secrets', () => {
  const password = 'Pop3-Echoed-Password~With-Enough.Length_To-Straddle';
  new Secret(password, 'env');

  it('removes a PASS argument a -ERR echoes across the 500-character cut, at every offset', () => {
    for (let offset = 450; offset <= 500; offset++) {
      const line = `-ERR ${'x'.repeat(offset - 5)}${password} is not right ${'y'.repeat(100)}`;
      const evidence = replyForEvidence(line);
      expect(evidence.length).toBeLessThanOrEqual(500);
      for (let at = 0; at + 4 <= password.length; at++) expect(evidence).not.toContain(password.slice(at, at + 4));
    }
  });
});
