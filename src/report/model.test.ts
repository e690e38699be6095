import { describe, expect, it } from '@jest/globals';
import { msg } from '../i18n/index.js';
import { detailOf, formatDuration, needsFix, printable, safeProxy } from './model.js';
import { richReport } from '../../test/support/rich-report.js';

describe('report model helpers', () => {
  const [pass, fail, skip, error] = richReport().accounts[0]!.checks;
  const [, warn, skipWithSteps] = richReport().accounts[1]!.checks;

  it('shows the reason of a skip or error as its detail, the summary otherwise', () => {
    expect(detailOf(fail!)).toEqual(fail!.summary);
    expect(detailOf({ ...error!, summary: msg('status.error') })).toEqual(msg('error.unexpected', { message: 'boom | bang\nat line 2' }));
    expect(detailOf({ ...skip!, summary: msg('status.skip') })).toEqual(msg('skip.notApplicable'));
  });

  it('lists warn, fail and error under "how to fix", and a skip only when it has something to act on', () => {
    expect([pass, fail, skip, error, warn, skipWithSteps].map((check) => needsFix(check!))).toEqual([false, true, false, true, true, true]);
  });

  it('removes the user information of a proxy URL', () => {
    expect(safeProxy('http://user:p%40ss@proxy.local:3128')).toBe('http://[redacted]@proxy.local:3128');
    expect(safeProxy('http://proxy.local:3128')).toBe('http://proxy.local:3128');
    expect(safeProxy(null)).toBeNull();
  });

  it('makes terminal escapes, control characters and bidirectional overrides visible', () => {
    expect(printable('a\u001b[2Jb\u0007c\u202ed')).toBe('a\\x1b[2Jb\\x07c\\u202ed');
    expect(printable('one\ntwo\r')).toBe('one\\ntwo\\r');
    expect(printable('one\ntwo\tx', true)).toBe('one\ntwo\tx');
    expect(printable('Configuração · ✔')).toBe('Configuração · ✔');
  });

  it('makes every bidirectional control visible: marks, embeddings, overrides, isolates and the Arabic letter mark', () => {
    const bidi = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const character of bidi) expect(printable(`a${character}b`, true)).toBe(`a\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}b`);
  });

  it('formats durations with the locale decimal mark', () => {
    expect(formatDuration(850, 'en')).toBe('850 ms');
    expect(formatDuration(12_345, 'en')).toBe('12.3 s');
    expect(formatDuration(12_345, 'pt-BR')).toBe('12,3 s');
    expect(formatDuration(125_000, 'pt-BR')).toBe('2 min 05 s');
  });
});
