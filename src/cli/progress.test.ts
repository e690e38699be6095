import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import type { Account } from '../config/types.js';
import type { Check } from '../core/check.js';
import { createTranslator } from '../i18n/index.js';
import { createProgress, progressText } from './progress.js';

const en = createTranslator('en');

describe('progressText', () => {
  it('names the running checks, oldest first, each waiting a second or more with its elapsed time', () => {
    const running = new Map([
      ['saudavel:incoming.auth', 9_500],
      ['saudavel:smtp.tls', 3_000],
    ]);
    expect(progressText(en, 4, 27, running, 10_000)).toBe('checking (4/27) saudavel:smtp.tls … 7 s, saudavel:incoming.auth');
    expect(progressText(en, 4, 27, new Map(), 10_000)).toBe('checking (4/27) ');
  });
});

describe('createProgress', () => {
  it('redraws the spinner while a step waits on the network, with no event arriving', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: () => true, moveCursor: () => true, clearLine: () => true });
    let written = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => (written += chunk));
    let clock = 0;
    const progress = await createProgress({ interactive: true, verbose: false, quiet: false, color: false, total: 2, t: en, stream, now: () => clock });
    progress.onCheckStart!({ name: 'saudavel' } as Account, { id: 'smtp.tls' } as Check);
    clock = 7_400;
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    progress.stop();
    expect(written).toContain('saudavel:smtp.tls … 7 s');
  });
});
