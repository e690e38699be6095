import { describe, expect, it } from '@jest/globals';
import { STATUSES } from '../core/check.js';
import { en } from '../i18n/catalogs/en/index.js';
import { ptBR } from '../i18n/catalogs/pt-BR/index.js';
import { asciiPunctuation, symbolsFor } from './symbols.js';

describe('symbolsFor', () => {
  it('gives ASCII-only symbols of equal width for older Windows consoles', () => {
    const ascii = symbolsFor('ascii');
    const all = [...STATUSES.map((status) => ascii.status[status]), ascii.bullet, ascii.separator];
    for (const symbol of all) expect(symbol).toMatch(/^[\x20-\x7e]+$/);
    expect(new Set(STATUSES.map((status) => ascii.status[status].length)).size).toBe(1);
  });

  it('gives one distinct single-column Unicode symbol per status', () => {
    const unicode = symbolsFor('unicode');
    const symbols = STATUSES.map((status) => unicode.status[status]);
    expect(new Set(symbols).size).toBe(STATUSES.length);
    for (const symbol of symbols) expect([...symbol]).toHaveLength(1);
  });
});

describe('asciiPunctuation', () => {
  it('turns typographic punctuation into ASCII and keeps Portuguese letters', () => {
    expect(asciiPunctuation('“Olá” — o app’s ação… Admin › Segurança · 12 × 3 → ok ✔')).toBe('"Olá" - o app\'s ação... Admin > Segurança - 12 x 3 -> ok [ok]');
  });

  it('leaves every message of both catalogues showable on a code page 850 console (Latin-1 at most)', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ptBR)]) {
      const beyond = [...asciiPunctuation(text)].filter((character) => character.codePointAt(0)! > 0xff);
      expect([key, beyond]).toEqual([key, []]);
    }
  });
});
