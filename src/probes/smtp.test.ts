import { chooseMechanism, parseCapabilities } from './smtp-ehlo.js';
import { composeTestMessage, dotStuff } from './smtp-message.js';
import { parseSmtpReply } from './smtp-replies.js';

describe('parseCapabilities', () => {
  it('reads STARTTLS and the AUTH mechanisms from an Exchange Online EHLO before and after TLS', () => {
    const before = parseCapabilities(
      parseSmtpReply(['250-AM0PR01CA0001.outlook.office365.com Hello [203.0.113.5]', '250-SIZE 157286400', '250-PIPELINING', '250-STARTTLS', '250 SMTPUTF8']),
    );
    expect(before).toMatchObject({ domain: 'AM0PR01CA0001.outlook.office365.com Hello [203.0.113.5]', startTls: true, authMechanisms: [] });
    const after = parseCapabilities(
      parseSmtpReply(['250-AM0PR01CA0001.outlook.office365.com Hello [203.0.113.5]', '250-SIZE 157286400', '250-AUTH LOGIN XOAUTH2', '250 SMTPUTF8']),
    );
    expect(after).toMatchObject({ startTls: false, authMechanisms: ['LOGIN', 'XOAUTH2'], extensions: ['SIZE 157286400', 'AUTH LOGIN XOAUTH2', 'SMTPUTF8'] });
  });

  it('accepts the pre-standard AUTH= form', () => {
    expect(parseCapabilities(parseSmtpReply(['250-mail.example.test', '250 AUTH=PLAIN LOGIN'])).authMechanisms).toEqual(['PLAIN', 'LOGIN']);
  });
});

describe('chooseMechanism', () => {
  it('prefers PLAIN, else LOGIN, for a password; XOAUTH2, else OAUTHBEARER, for a token', () => {
    expect(chooseMechanism(['LOGIN', 'PLAIN', 'XOAUTH2'], 'password')).toBe('PLAIN');
    expect(chooseMechanism(['LOGIN', 'XOAUTH2'], 'password')).toBe('LOGIN');
    expect(chooseMechanism(['LOGIN', 'XOAUTH2'], 'token')).toBe('XOAUTH2');
    expect(chooseMechanism(['OAUTHBEARER'], 'token')).toBe('OAUTHBEARER');
    expect(chooseMechanism(['PLAIN', 'LOGIN'], 'token')).toBeUndefined();
    expect(chooseMechanism(['CRAM-MD5'], 'password')).toBeUndefined();
  });
});

describe('dotStuff', () => {
  it('doubles a leading dot, uses CRLF and ends with the lone dot line (RFC 5321 §4.5.2)', () => {
    expect(dotStuff('Subject: x\n\n.hidden\nlast')).toBe('Subject: x\r\n\r\n..hidden\r\nlast\r\n.\r\n');
  });
});

describe('composeTestMessage', () => {
  it('builds a plain-text message with the subject, the test header and both addresses', async () => {
    const raw = await composeTestMessage({
      from: 'a@example.test',
      to: 'b@example.test',
      subject: 'tactium-preflight test 123',
      text: 'Olá, teste.',
      id: '123',
    });
    expect(raw).toMatch(/^From: a@example\.test$/m);
    expect(raw).toMatch(/^To: b@example\.test$/m);
    expect(raw).toMatch(/^Subject: tactium-preflight test 123$/m);
    expect(raw).toMatch(/^X-Tactium-Preflight-Test: 123$/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
  });
});
