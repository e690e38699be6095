import { describe, expect, it } from '@jest/globals';
import { Secret } from '../secrets/secret.js';
import { Transcript } from './transcript.js';

describe('Transcript', () => {
  const token = 'ya29.transcript-canary-token-0123456789_abcdefghijklmnop';
  new Secret(token, 'runtime');

  it('removes a secret that straddles the line limit before clipping the line', () => {
    for (let offset = 1960; offset <= 2000; offset += 3) {
      const transcript = new Transcript(true);
      transcript.add('server', `-ERR ${'x'.repeat(offset - 5)}${token} rejected ${'y'.repeat(100)}`);
      const [entry] = transcript.entries();
      for (let at = 0; at + 4 <= token.length; at++) expect(entry!.text).not.toContain(token.slice(at, at + 4));
      expect(entry!.text).toMatch(/… \(\d+ chars\)$/);
    }
  });
});
