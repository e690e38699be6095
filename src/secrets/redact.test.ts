import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { Secret } from './secret.js';
import { scrub, scrubDeep } from './redact.js';

describe('Secret', () => {
  it('never shows its value through interpolation, JSON or inspect', () => {
    const secret = new Secret('p4ss-w0rd-canary', 'env', '${env:PW}');
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect({ secret })).not.toContain('canary');
    expect(secret.reveal()).toBe('p4ss-w0rd-canary');
  });
});

describe('scrub', () => {
  const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.tok-canary-123';
  new Secret(token, 'runtime');

  it('removes the raw value', () => {
    expect(scrub(`Bearer ${token} end`)).toBe('Bearer [redacted] end');
  });

  it('removes the value inside a base64 SASL blob at every alignment', () => {
    for (const user of ['a@b.c', 'ab@b.c', 'abc@b.c']) {
      const blob = Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString('base64');
      const cleaned = scrub(`C: AUTHENTICATE XOAUTH2 ${blob}`);
      expect(cleaned).toContain('[redacted]');
      // Nothing long enough to carry the token survives.
      const survivors = cleaned.split('[redacted]').join(' ');
      expect(Buffer.from(survivors.replace(/^.*XOAUTH2 /, ''), 'base64').toString('latin1')).not.toContain('canary');
    }
  });

  it('removes URL- and form-encoded forms', () => {
    const secret = 'a b/c+d=e&f~canary';
    new Secret(secret, 'env');
    expect(scrub(`client_secret=${encodeURIComponent(secret)}&x=1`)).toBe('client_secret=[redacted]&x=1');
    expect(scrub(`client_secret=${encodeURIComponent(secret).replace(/%20/g, '+')}`)).toBe('client_secret=[redacted]');
  });

  it('removes a secret of a hundred thousand characters (too long for one regular expression) without throwing', () => {
    const huge = `huge-canary-${'x'.repeat(100_000)}-end`;
    new Secret(huge, 'file');
    expect(scrub(`before ${huge} after`)).toBe('before [redacted] after');
    expect(scrub(`C: AUTH PLAIN ${Buffer.from(`\0user\0${huge}`).toString('base64')}`)).not.toContain(Buffer.from(huge).toString('base64').slice(8, 64));
  });

  it('scrubs nested report objects', () => {
    expect(scrubDeep({ a: [{ b: `x ${token}` }] })).toEqual({ a: [{ b: 'x [redacted]' }] });
  });
});
