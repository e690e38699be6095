import { describe, expect, it } from '@jest/globals';
import { countNotRun, summarize, totalOf } from './summary.js';
import { richReport } from '../../test/support/rich-report.js';

describe('summarize', () => {
  it('counts every status over every account', () => {
    const counts = summarize(richReport());
    expect(counts).toEqual({ pass: 2, warn: 1, fail: 1, skip: 3, error: 1 });
    expect(totalOf(counts)).toBe(8);
  });

  it('counts zero for a report without accounts', () => {
    expect(summarize(richReport({ accounts: [] }))).toEqual({ pass: 0, warn: 0, fail: 0, skip: 0, error: 0 });
  });

  it('tells the checks an interruption kept from running apart from other skips', () => {
    expect(countNotRun(richReport())).toBe(1);
  });
});
