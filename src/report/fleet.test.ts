import { describe, expect, it } from '@jest/globals';
import { createTranslator, msg } from '../i18n/index.js';
import { expiringSecrets, renderFleet, verdictOfRun } from './fleet.js';
import type { ReportedAccount, ReportedCheck, RunReport } from './model.js';
import { richReport } from '../../test/support/rich-report.js';

const en = createTranslator('en');

function check(fields: Partial<ReportedCheck> & Pick<ReportedCheck, 'id' | 'status'>): ReportedCheck {
  return {
    area: 'entra',
    title: 'area.entra',
    code: null,
    reason: null,
    summary: msg('status.pass'),
    evidence: [],
    remediation: [],
    durationMs: 0,
    trace: [],
    ...fields,
  };
}

function account(name: string, source: string, checks: ReportedCheck[]): ReportedAccount {
  return { name: `${source}:${name}`, provider: 'office365', source, checks };
}

const expiring = (days: number, end: string) =>
  check({
    id: 'entra.secret-expiry',
    status: days < 0 ? 'fail' : 'warn',
    code: days < 0 ? 'ENTRA_SECRET_EXPIRED' : 'ENTRA_SECRET_EXPIRING',
    evidence: [
      { label: 'entra.evidence.secretEnd', value: `${end}T12:00:00Z` },
      { label: 'entra.evidence.secretDaysLeft', value: String(days) },
    ],
  });

function fleet(): RunReport {
  return {
    ...richReport(),
    accounts: [
      account('atendimento', 'acme.yaml', [check({ id: 'smtp.auth', status: 'pass' }), expiring(12, '2026-12-19')]),
      account('vendas', 'acme.yaml', [check({ id: 'smtp.auth', status: 'fail', code: 'AUTH_REJECTED' })]),
      account('suporte', 'beta.yaml', [check({ id: 'smtp.auth', status: 'pass' }), check({ id: 'entra.secret-expiry', status: 'pass' })]),
      account('caixa', 'gama.yaml', [check({ id: 'smtp.auth', status: 'pass' }), expiring(-3, '2026-12-04')]),
    ],
    configErrors: [
      {
        source: 'delta.yaml',
        issues: [
          { file: 'clientes/delta.yaml', line: 3, column: 7, path: 'accounts[0].provider', message: msg('configfile.read.missing') },
          { file: 'clientes/delta.yaml', line: 9, column: 5, path: 'accounts[0].port', message: msg('configfile.read.missing') },
        ],
      },
    ],
  };
}

describe('the fleet view', () => {
  it('lists the secrets that expire within 30 days or have expired, soonest first, with their date', () => {
    expect(expiringSecrets(fleet())).toEqual([
      { account: 'gama.yaml:caixa', date: '2026-12-04', days: -3 },
      { account: 'acme.yaml:atendimento', date: '2026-12-19', days: 12 },
    ]);
  });

  it('names the broken file with its first problem located, the customers not ready, and the secrets', () => {
    const text = renderFleet(fleet(), en);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('Fleet');
    expect(lines[1]).toMatch(
      /^ {2}delta\.yaml was not checked \(configuration error\): clientes\/delta\.yaml:3:7 {2}accounts\[0\]\.provider: .+ \(\+1 more\)$/,
    );
    expect(text).toContain('2 of 3 customers have accounts not ready:\n    acme.yaml:vendas (not ready)\n    gama.yaml:caixa (not ready)\n');
    expect(text).not.toContain('beta.yaml');
    expect(text).toContain('2 client secret(s) expire within 30 days or have expired:');
    expect(text).toContain('    gama.yaml:caixa  2026-12-04  expired 3 day(s) ago\n    acme.yaml:atendimento  2026-12-19  12 day(s) left\n');
  });

  it('says so when every customer is ready and no secret expires', () => {
    const healthy = { ...fleet(), configErrors: [], accounts: [fleet().accounts[2]!] };
    expect(renderFleet(healthy, en)).toBe('Fleet\n  all 1 customers checked have no account that is not ready\n  no client secret expires within 30 days\n');
    expect(verdictOfRun(healthy)).toBe('ready');
  });

  it('counts a file that could not be loaded as not verified in the run verdict', () => {
    const onlyHealthy = { ...fleet(), accounts: [fleet().accounts[2]!] };
    expect(verdictOfRun(onlyHealthy)).toBe('not-verified');
    expect(verdictOfRun(fleet())).toBe('not-ready');
  });
});
