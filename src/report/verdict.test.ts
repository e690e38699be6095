import { describe, expect, it } from '@jest/globals';
import { accountVerdict, isNotApplicable, runVerdict, signInNeeded } from './verdict.js';

const pass = { status: 'pass', code: null } as const;
const warn = { status: 'warn', code: 'TLS_CERT_EXPIRING' } as const;
const fail = { status: 'fail', code: 'AUTH_FAILED' } as const;
const error = { status: 'error', code: 'CHECK_CRASHED' } as const;
const notApplicable = { status: 'skip', code: 'NOT_APPLICABLE' } as const;
const needsAdmin = { status: 'skip', code: 'ENTRA_DIRECTORY_NOT_READABLE' } as const;

describe('verdict', () => {
  it('is not ready when anything failed or errored, whatever else passed', () => {
    expect(accountVerdict([pass, warn, fail])).toBe('not-ready');
    expect(accountVerdict([pass, error])).toBe('not-ready');
  });
  it('is not verified when nothing passed', () => {
    expect(accountVerdict([notApplicable, needsAdmin])).toBe('not-verified');
    expect(accountVerdict([])).toBe('not-verified');
  });
  it('is ready with warnings for a warn or a check left for --admin / --login', () => {
    expect(accountVerdict([pass, warn])).toBe('ready-with-warnings');
    expect(accountVerdict([pass, needsAdmin, notApplicable])).toBe('ready-with-warnings');
  });
  it('is ready when every applicable check passed', () => {
    expect(accountVerdict([pass, notApplicable, pass])).toBe('ready');
  });
  it('takes the worst account for the run', () => {
    expect(runVerdict(['ready', 'ready-with-warnings'])).toBe('ready-with-warnings');
    expect(runVerdict(['ready', 'not-verified', 'not-ready'])).toBe('not-ready');
    expect(runVerdict(['ready'])).toBe('ready');
    expect(runVerdict([])).toBe('not-verified');
  });
  it('tells not-applicable and sign-in skips apart', () => {
    expect(isNotApplicable(notApplicable)).toBe(true);
    expect(isNotApplicable(needsAdmin)).toBe(false);
    expect(signInNeeded(needsAdmin)).toBe('admin');
    expect(signInNeeded({ status: 'skip', code: 'LOGIN_REQUIRED' })).toBe('login');
    expect(signInNeeded(notApplicable)).toBeNull();
    expect(signInNeeded(fail)).toBeNull();
  });
});
