import { Secret } from '../secrets/secret.js';
import { choosePop3Method, readCapabilities } from './pop3.js';
import { decodeChallenge, parsePop3Reply, saslOauthbearer, saslXoauth2 } from './pop3-client.js';

const password = { kind: 'password' as const, user: 'u@example.test', password: new Secret('p-secret', 'runtime') };
const token = { kind: 'token' as const, user: 'u@example.test', token: new Secret('t-secret', 'runtime') };

describe('choosePop3Method', () => {
  it('sends a password as USER/PASS when offered (or when CAPA is unknown), else SASL PLAIN', () => {
    expect(choosePop3Method(password, readCapabilities(true, ['USER', 'SASL PLAIN']))).toBe('USER/PASS');
    expect(choosePop3Method(password, readCapabilities(false, []))).toBe('USER/PASS');
    expect(choosePop3Method(password, readCapabilities(true, ['SASL PLAIN XOAUTH2']))).toBe('AUTH PLAIN');
    expect(choosePop3Method(password, readCapabilities(true, ['SASL XOAUTH2']))).toEqual({ none: 'mechanism' });
    expect(choosePop3Method(password, readCapabilities(true, ['UIDL']))).toEqual({ none: 'not-offered' });
  });

  it('sends a token as XOAUTH2, else OAUTHBEARER, and tries XOAUTH2 when no SASL list is given (Exchange documents it)', () => {
    expect(choosePop3Method(token, readCapabilities(true, ['SASL PLAIN XOAUTH2 OAUTHBEARER']))).toBe('AUTH XOAUTH2');
    expect(choosePop3Method(token, readCapabilities(true, ['SASL OAUTHBEARER']))).toBe('AUTH OAUTHBEARER');
    expect(choosePop3Method(token, readCapabilities(true, ['USER']))).toBe('AUTH XOAUTH2');
    expect(choosePop3Method(token, readCapabilities(true, ['SASL PLAIN']))).toEqual({ none: 'mechanism' });
  });
});

describe('POP3 wire helpers', () => {
  it('parses status lines with RFC 3206 codes', () => {
    expect(parsePop3Reply('-ERR [SYS/PERM] Your account is not enabled for POP access.')).toEqual({
      ok: false,
      line: '-ERR [SYS/PERM] Your account is not enabled for POP access.',
      text: '[SYS/PERM] Your account is not enabled for POP access.',
      code: 'SYS/PERM',
    });
    expect(parsePop3Reply('+OK 3 96')).toMatchObject({ ok: true, text: '3 96' });
    expect(parsePop3Reply('* OK IMAP')).toBeUndefined();
  });

  it('builds the SASL blobs of XOAUTH2 (docs/provider-facts.md §XOAUTH2) and RFC 7628', () => {
    expect(Buffer.from(saslXoauth2('u@example.test', 'tok'), 'base64').toString()).toBe('user=u@example.test\x01auth=Bearer tok\x01\x01');
    expect(Buffer.from(saslOauthbearer('a,b=c', 'tok', 'pop.example.test', 995), 'base64').toString()).toBe(
      'n,a=a=2Cb=3Dc,\x01host=pop.example.test\x01port=995\x01auth=Bearer tok\x01\x01',
    );
  });

  it('decodes a printable error challenge and ignores anything else', () => {
    expect(decodeChallenge('eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJtYWlsIn0=')).toBe('{"status":"401","schemes":"bearer","scope":"mail"}');
    expect(decodeChallenge('')).toBeUndefined();
    expect(decodeChallenge('AAEC')).toBeUndefined();
  });
});
