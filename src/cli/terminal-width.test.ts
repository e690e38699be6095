import { describe, expect, it } from '@jest/globals';
import { terminalWidth } from './terminal-width.js';

describe('terminalWidth', () => {
  it("uses the terminal's columns on a terminal, and 100 on a pipe or a file", () => {
    expect(terminalWidth({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(terminalWidth({ isTTY: true, columns: 80 }, {})).toBe(80);
    expect(terminalWidth({ isTTY: false, columns: 132 }, {})).toBe(100);
    expect(terminalWidth({}, {})).toBe(100);
    // A pseudo-terminal that reports no columns.
    expect(terminalWidth({ isTTY: true, columns: 0 }, {})).toBe(100);
  });

  it('honours COLUMNS when it holds a width, and ignores it otherwise', () => {
    expect(terminalWidth({ isTTY: true, columns: 132 }, { COLUMNS: '80' })).toBe(80);
    expect(terminalWidth({}, { COLUMNS: ' 160 ' })).toBe(160);
    for (const junk of ['', 'wide', '-80', '0', '1e3', '80px', '99999'])
      expect([junk, terminalWidth({ isTTY: true, columns: 90 }, { COLUMNS: junk })]).toEqual([junk, 90]);
  });
});
