/**
 * A saved JSON report built by hand for the handoff sheet's unit tests: the accounts and checks given,
 * every other field filled as `check --format json` writes it.
 */
import type { Status } from '../../src/core/check.js';
import type { ReportJson, ReportJsonCheck } from '../../src/report/report-schema.js';

export type CheckSketch = Partial<ReportJsonCheck> & { id: string; status: Status };

export function reportJson(
  accounts: Array<{ name: string; provider: 'office365' | 'gmail' | 'imap'; checks: CheckSketch[] }>,
  overrides: Partial<ReportJson> = {},
): ReportJson {
  return {
    tool: { name: 'tactium-preflight', version: '9.9.9' },
    locale: 'en',
    startedAt: '2026-11-27T10:00:00.000Z',
    durationMs: 1234,
    interrupted: null,
    verifiedFrom: { hostname: 'notebook-suporte', addresses: ['192.0.2.10'], platform: 'linux', proxy: null, at: '2026-11-27T10:00:00.000Z' },
    summary: { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 },
    verdict: 'ready',
    configErrors: [],
    accounts: accounts.map((account) => ({
      name: account.name,
      provider: account.provider,
      verdict: 'ready',
      checks: account.checks.map((check) => ({
        title: 'saved title',
        code: null,
        reason: null,
        durationMs: 1,
        summary: 'saved summary',
        evidence: [],
        remediation: [],
        trace: [],
        ...check,
      })),
    })),
    ...overrides,
  };
}
