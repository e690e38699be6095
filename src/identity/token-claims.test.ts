import { describe, expect, it } from '@jest/globals';
import { Secret } from '../secrets/secret.js';
import { decodeAccessToken, tokenClientId } from './token-claims.js';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('decodeAccessToken', () => {
  it('reads an app-only token’s claims without checking the signature', () => {
    const token = `${segment({ alg: 'RS256' })}.${segment({ aud: 'https://outlook.office365.com', tid: 'T', oid: 'O', appid: 'A', roles: ['IMAP.AccessAsApp', 7], exp: 1800000000, idtyp: 'app' })}.not-a-signature`;
    const claims = decodeAccessToken(new Secret(token, 'runtime'));
    expect(claims).toMatchObject({
      aud: 'https://outlook.office365.com',
      tid: 'T',
      oid: 'O',
      appid: 'A',
      roles: ['IMAP.AccessAsApp'],
      exp: 1800000000,
      idtyp: 'app',
    });
    expect(claims && tokenClientId(claims)).toBe('A');
  });

  it('leaves roles undefined when the claim is absent (nothing consented), and takes azp for v2 tokens', () => {
    const claims = decodeAccessToken(`${segment({})}.${segment({ azp: 'B', aud: ['x'] })}.s`);
    expect(claims?.roles).toBeUndefined();
    expect(claims && tokenClientId(claims)).toBe('B');
    expect(claims?.aud).toBe('x');
  });

  it('treats anything but a three-part JWT with a JSON object payload as opaque', () => {
    expect(decodeAccessToken('EwBwA8l6BAAUopaque')).toBeUndefined();
    expect(decodeAccessToken('a.b')).toBeUndefined();
    expect(decodeAccessToken(`${segment({})}.${Buffer.from('not json').toString('base64url')}.s`)).toBeUndefined();
    expect(decodeAccessToken(`${segment({})}.${segment([1, 2])}.s`)).toBeUndefined();
    expect(decodeAccessToken('a.b$c.d')).toBeUndefined();
  });
});
