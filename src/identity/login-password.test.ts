import { makeAccount, secret } from '../../test/support/check-context.js';
import { resetRedactionForTests, scrub } from '../secrets/redact.js';
import { appPasswordShape, loginPassword } from './login-password.js';

describe('appPasswordShape', () => {
  it('removes the spaces of an app password pasted in groups of four', () => {
    expect(appPasswordShape('abcd efgh ijkl mnop')).toEqual({
      value: 'abcdefghijklmnop',
      normalised: true,
      removedSpaces: 3,
      looksLikeAppPassword: true,
      length: 19,
      lettersOnly: true,
    });
  });

  it('also removes tabs, non-breaking spaces and a trailing space copied from a web page', () => {
    expect(appPasswordShape('abcd\u00a0efgh\tijkl mnop ').value).toBe('abcdefghijklmnop');
  });

  it('leaves a 16-letter app password without spaces as it is', () => {
    expect(appPasswordShape('abcdefghijklmnop')).toMatchObject({ value: 'abcdefghijklmnop', normalised: false, looksLikeAppPassword: true });
  });

  it('leaves any other password exactly as written, spaces included, and says it is not an app password', () => {
    expect(appPasswordShape('my secret pass 2024')).toMatchObject({
      value: 'my secret pass 2024',
      normalised: false,
      looksLikeAppPassword: false,
      lettersOnly: false,
    });
    expect(appPasswordShape('abcd efgh ijkl')).toMatchObject({ value: 'abcd efgh ijkl', normalised: false, looksLikeAppPassword: false, lettersOnly: true });
  });
});

describe('loginPassword', () => {
  afterEach(() => resetRedactionForTests());

  it('gives a Gmail password login the app password without spaces, keeping the reference, once per secret', () => {
    const written = secret('wxyz abcd efgh ijkl', 'env', '${env:GMAIL_APP_PASSWORD}');
    const account = makeAccount({ provider: 'gmail', auth: { method: 'password', password: written } });
    const login = loginPassword(account);
    expect(login?.reveal()).toBe('wxyzabcdefghijkl');
    expect(login?.reference).toBe('${env:GMAIL_APP_PASSWORD}');
    expect(loginPassword(account)).toBe(login);
    // The normalised value is a secret too: scrubbed from anything printed.
    expect(scrub('PASS wxyzabcdefghijkl')).toBe('PASS [redacted]');
  });

  it('returns the written secret itself for other providers, for OAuth accounts and for non-app passwords', () => {
    const spaced = secret('wxyz abcd efgh ijkl');
    expect(loginPassword(makeAccount({ provider: 'imap', auth: { method: 'password', password: spaced } }))).toBe(spaced);
    expect(loginPassword(makeAccount({ provider: 'gmail', auth: { method: 'oauth2', password: spaced } }))).toBe(spaced);
    const normal = secret('Minha Senha 2024');
    expect(loginPassword(makeAccount({ provider: 'gmail', auth: { method: 'password', password: normal } }))).toBe(normal);
    expect(loginPassword(makeAccount({ provider: 'gmail', auth: { method: 'password', password: undefined } }))).toBeUndefined();
  });
});
