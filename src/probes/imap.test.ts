import { Secret } from '../secrets/secret.js';
import { capabilitiesFor, methodFor, replayedGreeting } from './imap.js';
import { greetingCapabilities } from './imap-raw.js';

const DOVECOT = ['IMAP4REV1', 'SASL-IR', 'ID', 'AUTH=PLAIN', 'AUTH=LOGIN', 'AUTH=XOAUTH2', 'AUTH=OAUTHBEARER'];

describe('the greeting replayed to imapflow', () => {
  it('keeps the server’s text and puts the capability list valid now in its code', () => {
    const greeting = '* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot (Debian) ready.';
    expect(replayedGreeting(greeting, ['IMAP4REV1', 'AUTH=PLAIN'])).toBe('* OK [CAPABILITY IMAP4REV1 AUTH=PLAIN] Dovecot (Debian) ready.');
    expect(replayedGreeting('* OK The Microsoft Exchange IMAP4 service is ready.', ['IMAP4'])).toBe(
      '* OK [CAPABILITY IMAP4] The Microsoft Exchange IMAP4 service is ready.',
    );
  });

  it('reads the capabilities a greeting carries, and none when it has no code', () => {
    expect(greetingCapabilities('* OK [CAPABILITY IMAP4rev1 auth=plain] ready')).toEqual(['IMAP4REV1', 'AUTH=PLAIN']);
    expect(greetingCapabilities('* OK Gimap ready')).toBeUndefined();
  });
});

describe('the mechanism imapflow is left to choose', () => {
  it('offers only the token mechanism we chose, so imapflow cannot prefer OAUTHBEARER over XOAUTH2', () => {
    const narrowed = capabilitiesFor({ kind: 'token', user: 'u', token: new Secret('t-secret', 'runtime'), mechanism: 'XOAUTH2' }, DOVECOT);
    expect(narrowed.filter((capability) => capability.startsWith('AUTH='))).toEqual(['AUTH=XOAUTH2']);
    expect(narrowed).toContain('SASL-IR');
  });

  it('hides the OAuth mechanisms for a password, and names what imapflow will send', () => {
    const credential = { kind: 'password' as const, user: 'u', password: new Secret('p-secret', 'runtime') };
    expect(capabilitiesFor(credential, DOVECOT)).toEqual(['IMAP4REV1', 'SASL-IR', 'ID', 'AUTH=PLAIN', 'AUTH=LOGIN']);
    expect(methodFor(credential, ['AUTH=PLAIN', 'AUTH=LOGIN'])).toBe('AUTHENTICATE PLAIN');
    expect(methodFor(credential, ['AUTH=LOGIN'])).toBe('AUTHENTICATE LOGIN');
    expect(methodFor(credential, ['IMAP4REV1'])).toBe('LOGIN');
    expect(methodFor({ ...credential, user: 'CONTOSO\\atendimento' }, ['AUTH=PLAIN'])).toBe('LOGIN');
  });
});
