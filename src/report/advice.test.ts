import { describe, expect, it } from '@jest/globals';
import type { Remediation } from '../core/check.js';
import { msg } from '../i18n/index.js';
import { withoutRepeatedAdvice } from './advice.js';
import type { ReportedCheck } from './model.js';

const UNLOCK: Remediation = { kind: 'text', message: msg('needs.admin') };
const PERMISSION: Remediation = { kind: 'command', message: msg('needs.login'), target: 'Connect-MgGraph -Scopes Directory.Read.All' };

function check(id: string, status: ReportedCheck['status'], remediation: Remediation[]): ReportedCheck {
  return {
    id,
    area: 'entra',
    title: 'area.entra',
    status,
    code: null,
    reason: null,
    summary: msg('status.skip'),
    evidence: [],
    remediation,
    durationMs: 0,
    trace: [],
  };
}

describe('withoutRepeatedAdvice', () => {
  it('gives the directory-unlock advice once per account, on the first check that needs it', () => {
    const checks = [
      check('entra.app', 'skip', [UNLOCK, PERMISSION]),
      check('entra.secret-expiry', 'skip', [UNLOCK, PERMISSION, { kind: 'text', message: msg('needs.network') }]),
      check('entra.mailbox', 'skip', [PERMISSION, UNLOCK]),
    ];
    expect(withoutRepeatedAdvice(checks).map((item) => item.remediation.length)).toEqual([2, 1, 0]);
    expect(withoutRepeatedAdvice(checks)[1]!.remediation[0]!.message.key).toBe('needs.network');
  });

  it('keeps every step of a failure or a warning, and a step with another target', () => {
    const checks = [
      check('entra.app', 'skip', [PERMISSION]),
      check('entra.permissions', 'fail', [PERMISSION]),
      check('entra.mailbox', 'warn', [PERMISSION]),
      check('entra.secret-expiry', 'skip', [{ ...PERMISSION, target: 'Connect-MgGraph -Scopes Application.Read.All' }]),
    ];
    expect(withoutRepeatedAdvice(checks).map((item) => item.remediation.length)).toEqual([1, 1, 1, 1]);
  });
});
