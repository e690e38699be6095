import { describe, expect, it } from '@jest/globals';
import { Secret } from './secret.js';
import { scrub } from './redact.js';

/**
 * Long texts (a fleet's JSON report is megabytes) are scrubbed a run of lines at a time. The result must be
 * the same as scrubbing the whole, wherever a secret falls, in every encoding — and a secret that holds a
 * newline must still be found across the cut.
 */
describe('scrub: long texts', () => {
  const secret = "Zq8~Xv7.Kp3_Rw2-Lm9~Tn4 Bc6!Hd5'Fg1(Jk0)Sy*";
  const short = 'atend';
  new Secret(secret, 'env');
  new Secret(short, 'env');
  const forms = [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
    JSON.stringify(new URLSearchParams({ v: secret }).toString().slice(2))
      .slice(1, -1)
      .replace(/%/g, '\\u0025'),
    [...secret].map((character) => `&#${character.codePointAt(0)};`).join(''),
    Buffer.from(`\0user\0${secret}`).toString('base64'),
    short,
    `${short}imento`,
  ];

  /** Lines of varied length, each holding one form of a secret somewhere, around every 64 KiB boundary. */
  function longText(seed: number): string {
    const lines: string[] = [];
    let length = 0;
    let state = seed;
    // The high bits: an LCG's low bits repeat with a short period.
    const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) >> 12;
    while (length < 300_000) {
      const filler = 'x'.repeat(next() % 200);
      const line = `  "value": "${filler}${forms[next() % forms.length]!}${filler.slice(0, next() % 7)}",`;
      lines.push(line);
      length += line.length + 1;
    }
    return lines.join('\n');
  }

  it('gives the same text as scrubbing each line alone, and leaves no secret', () => {
    for (const seed of [1, 2, 3]) {
      const text = longText(seed);
      const cleaned = scrub(text);
      expect(cleaned).toBe(text.split('\n').map(scrub).join('\n'));
      expect(cleaned).not.toContain('Kp3_Rw2');
      expect(cleaned).not.toContain('Kp3%5FRw2');
      expect(cleaned).toContain('atendimento');
      expect(cleaned.match(/\batend\b/g)).toBeNull();
    }
  });

  it('removes a one-line secret that straddles where a cut would fall if it ignored lines', () => {
    for (let offset = 65_500; offset < 65_600; offset += 7) {
      const text = `${'y'.repeat(offset)}${secret}${'y'.repeat(70_000)}`;
      expect(scrub(text)).toBe(`${'y'.repeat(offset)}[redacted]${'y'.repeat(70_000)}`);
    }
  });

  it('removes two secrets that overlap (the tail of one is the head of the other), in short and long text', () => {
    new Secret('Alpha-Bravo-Charlie', 'env');
    new Secret('Charlie-Delta-Echo9', 'env');
    expect(scrub('x Alpha-Bravo-Charlie-Delta-Echo9 y')).toBe('x [redacted] y');
    const long = `%41\nx Alpha-Bravo-Charlie-Delta-Echo9 y\n${'z'.repeat(70_000)}`;
    expect(scrub(long)).toBe(`%41\nx [redacted] y\n${'z'.repeat(70_000)}`);
  });
  it('removes a secret holding newlines (a key read from a file) across the cut', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7-canary\n-----END PRIVATE KEY-----';
    new Secret(pem, 'file');
    const filler = `${'z'.repeat(99)}\n`.repeat(655);
    const text = `${filler}${pem}\n${filler}`;
    expect(text.indexOf(pem)).toBeLessThan(65_536);
    expect(text.indexOf(pem) + pem.length).toBeGreaterThan(65_536);
    expect(scrub(text)).toBe(`${filler}[redacted]\n${filler}`);
  });
});
