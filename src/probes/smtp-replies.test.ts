import { classifyAuthReply, classifyEnvelopeReply, isSmtpReplyComplete, otherProtocolOf, parseSmtpReply, queueIdOf } from './smtp-replies.js';

const reply = (text: string) => parseSmtpReply(text.split('\r\n'));

describe('parseSmtpReply', () => {
  it('reads the code of the last line and the enhanced code of a multi-line reply', () => {
    const parsed = reply(
      '535-5.7.8 Username and Password not accepted. For more information, go to\r\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x1 - gsmtp',
    );
    expect(parsed.code).toBe(535);
    expect(parsed.enhanced).toBe('5.7.8');
    expect(parsed.text).toBe('Username and Password not accepted. For more information, go to https://support.google.com/mail/?p=BadCredentials x1 - gsmtp');
    expect(parsed.lines).toHaveLength(2);
  });

  it('gives code 0 for a line that is not SMTP', () => {
    expect(reply('* OK IMAP4rev1 ready').code).toBe(0);
  });
});

describe('isSmtpReplyComplete', () => {
  it('waits for the line without a dash, and stops at a line that is not SMTP', () => {
    expect(isSmtpReplyComplete(['250-first'])).toBe(false);
    expect(isSmtpReplyComplete(['250-first', '250 last'])).toBe(true);
    expect(isSmtpReplyComplete(['250'])).toBe(true);
    expect(isSmtpReplyComplete(['+OK POP3 ready'])).toBe(true);
  });
});

describe('classifyAuthReply', () => {
  it.each([
    [
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
      'SMTP_AUTH_DISABLED_TENANT',
    ],
    [
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [X]',
      'SMTP_AUTH_DISABLED_MAILBOX',
    ],
    ['535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [X]', 'SMTP_BASIC_AUTH_DISABLED'],
    [
      "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. [X]",
      'SMTP_BLOCKED_BY_SECURITY_DEFAULTS',
    ],
    [
      '535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. [X]',
      'SMTP_BLOCKED_BY_CONDITIONAL_ACCESS',
    ],
    ['535 5.7.139 Authentication unsuccessful, account locked. [X]', 'SMTP_ACCOUNT_LOCKED'],
    ['535 5.7.139 Authentication unsuccessful, the user credentials were incorrect. [X]', 'AUTH_REJECTED'],
    ['535 5.7.139 Authentication unsuccessful, something new. [X]', 'SMTP_AUTH_DISABLED'],
    ['550 5.7.30 Basic authentication is not supported for Client Submission.', 'SMTP_BASIC_AUTH_DISABLED'],
    ['535 5.7.3 Authentication unsuccessful [SN2PR00CA0018.namprd00.prod.outlook.com]', 'SMTP_AUTH_UNSUCCESSFUL'],
    [
      '534-5.7.9 Application-specific password required. For more information, go to\r\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor x - gsmtp',
      'GMAIL_APP_PASSWORD_REQUIRED',
    ],
    [
      '535-5.7.8 Username and Password not accepted. For more information, go to\r\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials x - gsmtp',
      'GMAIL_BAD_CREDENTIALS',
    ],
    ['535 5.7.8 Authentication credentials invalid', 'AUTH_REJECTED'],
    ['504 5.7.4 Unrecognized authentication type', 'AUTH_MECHANISM_UNSUPPORTED'],
    ['454 4.7.0 Temporary authentication failure', 'AUTH_TEMPORARY_FAILURE'],
    ['538 5.7.11 Error: Must issue a STARTTLS command first', 'SMTP_AUTH_REQUIRES_TLS'],
    ['530 5.7.0 Must issue a STARTTLS command first', 'SMTP_AUTH_REQUIRES_TLS'],
    ['535 Authentication failed', 'AUTH_REJECTED'],
  ])('names %s as %s', (text, expected) => {
    expect(classifyAuthReply(reply(text))).toBe(expected);
  });

  it('does not call a non-Google 535 5.7.8 "Username and Password not accepted" a Gmail reply', () => {
    expect(classifyAuthReply(reply('535 5.7.8 Error: Username and Password not accepted'))).toBe('AUTH_REJECTED');
  });
});

describe('classifyEnvelopeReply', () => {
  it.each([
    ['530 5.7.57 Client not authenticated to send mail. [X]', 'MAIL', 'SMTP_NOT_AUTHENTICATED'],
    ['550 5.7.60 SMTP; Client does not have permissions to send as this sender [X]', 'MAIL', 'SMTP_SEND_AS_DENIED'],
    ['550 5.2.252 SendAsDenied; Sender throttled due to continuous send as denied errors.', 'MAIL', 'SMTP_SENDER_THROTTLED'],
    ['550 5.2.254 InvalidRecipientsExceeded; Sender throttled due to continuous invalid recipients errors.', 'RCPT', 'SMTP_SENDER_THROTTLED'],
    ['550 5.1.1 User unknown', 'RCPT', 'SMTP_RECIPIENT_REJECTED'],
    ['553 5.7.1 Sender address rejected: not owned by user', 'MAIL', 'SMTP_SENDER_REJECTED'],
    ['451 4.3.0 Try again later', 'DATA', 'SMTP_TEMPORARY_FAILURE'],
    ['554 5.6.0 Message rejected', 'DATA', 'SMTP_MESSAGE_REJECTED'],
  ] as const)('names %s after %s as %s', (text, command, expected) => {
    expect(classifyEnvelopeReply(reply(text), command)).toBe(expected);
  });
});

describe('queueIdOf', () => {
  it.each([
    ['250 2.0.0 Ok: queued as 4Fh1Zk2Xyz', '4Fh1Zk2Xyz'],
    ['250 2.0.0 OK <AM0PR01MB1234.eurprd01.prod.outlook.com> [Hostname=AM0PR01MB1234.eurprd01.prod.outlook.com]', '<AM0PR01MB1234.eurprd01.prod.outlook.com>'],
    ['250 2.0.0 OK  1764300000 d9443c01a7336-2a1c7c5e1f6sm1234567b3a.12 - gsmtp', 'd9443c01a7336-2a1c7c5e1f6sm1234567b3a.12'],
  ])('reads the id of %s', (text, expected) => {
    expect(queueIdOf(reply(text))).toBe(expected);
  });
});

describe('otherProtocolOf', () => {
  it('recognises IMAP, POP3, SSH and HTTP banners, and not SMTP', () => {
    expect(otherProtocolOf('* OK [CAPABILITY IMAP4rev1] ready')).toBe('IMAP');
    expect(otherProtocolOf('+OK Dovecot ready.')).toBe('POP3');
    expect(otherProtocolOf('SSH-2.0-OpenSSH_9.2')).toBe('SSH');
    expect(otherProtocolOf('HTTP/1.1 400 Bad Request')).toBe('HTTP');
    expect(otherProtocolOf('220 mail.example.test ESMTP')).toBeUndefined();
  });
});
