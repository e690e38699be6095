import { describe, expect, it } from '@jest/globals';
import { STATUSES } from '../checks/types.js';
import { symbolsFor } from './symbols.js';

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
