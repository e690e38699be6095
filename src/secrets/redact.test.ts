import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { Secret } from './secret.js';
import { scrub, scrubAndClip, scrubDeep } from './redact.js';

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

/** Every way a server may echo `value`: the forms the scrubber promises to remove. */
function encodings(value: string): Record<string, string> {
  const bytes = [...Buffer.from(value, 'utf8')];
  const percent = (hex: (byte: number) => string): string => bytes.map((byte) => `%${hex(byte)}`).join('');
  const units = [...value].flatMap((character) => character.split(''));
  const unicode = (hex: (code: number) => string): string => units.map((unit) => `\\u${hex(unit.charCodeAt(0))}`).join('');
  const codePoints = [...value].map((character) => character.codePointAt(0)!);
  return {
    raw: value,
    uri: encodeURIComponent(value),
    uriLowerHex: encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    uriMixedHex: encodeURIComponent(value).replace(/%([0-9A-F])([0-9A-F])/g, (_, high: string, low: string, at: number) =>
      at % 2 === 0 ? `%${high}${low.toLowerCase()}` : `%${high.toLowerCase()}${low}`,
    ),
    form: new URLSearchParams({ v: value }).toString().slice(2),
    formLowerHex: new URLSearchParams({ v: value })
      .toString()
      .slice(2)
      .replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    percentUpper: percent((byte) => byte.toString(16).toUpperCase().padStart(2, '0')),
    percentLower: percent((byte) => byte.toString(16).padStart(2, '0')),
    uriTwice: encodeURIComponent(encodeURIComponent(value)),
    json: JSON.stringify(value).slice(1, -1),
    unicodeUpper: unicode((code) => code.toString(16).toUpperCase().padStart(4, '0')),
    unicodeLower: unicode((code) => code.toString(16).padStart(4, '0')),
    unicodeSome: units.map((unit, index) => (index % 3 === 1 ? `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}` : unit)).join(''),
    formInJson: JSON.stringify(new URLSearchParams({ v: value }).toString().slice(2))
      .slice(1, -1)
      .replace(/%/g, '\\u0025'),
    htmlDecimal: codePoints.map((code) => `&#${code};`).join(''),
    htmlHex: codePoints.map((code, index) => `&#${index % 2 === 0 ? 'x' : 'X'}${code.toString(16)};`).join(''),
    htmlSome: [...value].map((character, index) => (index % 2 === 0 ? `&#x${character.codePointAt(0)!.toString(16).toUpperCase()};` : character)).join(''),
  };
}

/** The fragments of `value` (and of each encoding) of `length` characters: none may survive a scrub. */
function fragments(value: string, length: number): string[] {
  const out = new Set<string>();
  for (const form of Object.values(encodings(value))) for (let at = 0; at + length <= form.length; at++) out.add(form.slice(at, at + length));
  return [...out];
}

function survivors(text: string, value: string, length = 4): string[] {
  return fragments(value, length).filter((fragment) => text.includes(fragment));
}

describe('scrub: every encoding of a secret', () => {
  // Shaped like an Entra client secret (`~` in the 4th place) plus what form encoding escapes: ! ' ( ) * and space.
  const secret = "Zq8~Xv7.Kp3_Rw2-Lm9~Tn4 Bc6!Hd5'Fg1(Jk0)Sy*";
  const unicodeSecret = 'Senh@-Forte-ção-€-😀-9';
  new Secret(secret, 'env');
  new Secret(unicodeSecret, 'env');

  for (const value of [secret, unicodeSecret]) {
    for (const [name, form] of Object.entries(encodings(value))) {
      it(`removes the ${name} form of ${value === secret ? 'a client secret' : 'a non-ASCII password'}`, () => {
        const text = `{"error":"invalid_client","error_description":"the body was grant_type=client_credentials&client_secret=${form}&scope=x"}`;
        const cleaned = scrub(text);
        expect(cleaned).toContain('client_secret=[redacted]&scope=x');
        expect(survivors(cleaned, value)).toEqual([]);
      });
    }
  }

  it('removes a form body as URLSearchParams writes it, inside an HTML page', () => {
    const body = new URLSearchParams({ client_id: 'app', client_secret: secret, grant_type: 'client_credentials' }).toString();
    expect(body).toContain('%7E'); // the premise: `~` is escaped, unlike encodeURIComponent
    const page = `<html><body><p>Request blocked</p><pre>${body.replace(/&/g, '&amp;')}</pre></body></html>`;
    expect(scrub(page)).toBe(
      '<html><body><p>Request blocked</p><pre>client_id=app&amp;client_secret=[redacted]&amp;grant_type=client_credentials</pre></body></html>',
    );
  });

  it('never throws on broken escapes, lone surrogates and huge code points', () => {
    for (const text of [
      '%',
      '%G1',
      '%E2%82',
      '\\',
      '\\u12',
      '\\uZZZZ',
      '&#',
      '&#99999999;',
      '&#x110000;',
      '\ud800',
      'a\udc00b',
      '&amp',
      `${'%'.repeat(10_000)}`,
    ]) {
      expect(() => scrub(text)).not.toThrow();
      expect(scrub(text)).toBe(text);
    }
  });

  it('removes a percent-encoded secret of a hundred thousand characters without throwing', () => {
    const huge = `huge~form-${'y'.repeat(100_000)}~end`;
    new Secret(huge, 'file');
    expect(scrub(`a=${new URLSearchParams({ v: huge }).toString().slice(2)}&b`)).toBe('a=[redacted]&b');
  });
});

describe('scrubAndClip', () => {
  const secret = 'Qw7~Er5.Ty3_Ui9-Op1~As2.Df4_Gh6-Jk8~Lz0.XcV';
  new Secret(secret, 'env');

  it('removes the secret before cutting, at every cut length and in every encoding', () => {
    const before = 'error: invalid client; the request said client_secret=';
    const after = ' and more words follow here';
    for (const [name, form] of Object.entries(encodings(secret))) {
      const text = `${before}${form}${after}`;
      for (let max = 0; max <= text.length + 1; max++) {
        const clipped = scrubAndClip(text, max, '…');
        expect({ name, max, left: survivors(clipped, secret) }).toEqual({ name, max, left: [] });
        expect(clipped.replace(/…$/, '').length).toBeLessThanOrEqual(max);
      }
    }
  });

  it('never leaves part of a redaction mark or half a surrogate pair', () => {
    expect(scrubAndClip(`ab ${secret}`, 7)).toBe('ab ');
    expect(scrubAndClip('ab 😀', 4)).toBe('ab ');
    expect(scrubAndClip('short', 10, '…')).toBe('short');
    expect(scrubAndClip('a longer line', 8, '…')).toBe('a longer…');
  });
});

describe('scrub: short secrets only as whole tokens', () => {
  new Secret('atend', 'env');

  it('leaves words and addresses that merely contain the password', () => {
    for (const text of ['atendimento@contoso.com.br', 'USER atendimento', 'preatend', 'atend2', 'atendé', '%61tendimento']) expect(scrub(text)).toBe(text);
  });

  it('removes the password where it stands alone, in every encoding', () => {
    expect(scrub('C: PASS atend')).toBe('C: PASS [redacted]');
    expect(scrub('{"password":"atend"}')).toBe('{"password":"[redacted]"}');
    expect(scrub('user=x&pass=atend&next=1')).toBe('user=x&pass=[redacted]&next=1');
    expect(scrub('-ERR bad password atend.')).toBe('-ERR bad password [redacted].');
    expect(scrub('pass=%61%74%65%6E%64&x')).toBe('pass=[redacted]&x');
    expect(scrub('"\\u0061tend"')).toBe('"[redacted]"');
    expect(scrub('atend')).toBe('[redacted]');
  });

  it('removes two hundred thousand occurrences without throwing', () => {
    expect(scrub('atend '.repeat(200_000))).toBe('[redacted] '.repeat(200_000));
    expect(scrub('%61tend&'.repeat(200_000))).toBe('[redacted]&'.repeat(200_000));
  });

  it('keeps removing a secret of eight characters or more wherever it occurs', () => {
    new Secret('Longpass', 'env');
    expect(scrub('xxLongpassyy')).toBe('xx[redacted]yy');
  });
});
