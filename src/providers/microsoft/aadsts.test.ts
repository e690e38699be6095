import { describe, expect, it } from '@jest/globals';
import { adminSignInReading, deviceCodeRefused, lookupAadsts, signInAadstsCode } from './aadsts.js';

describe('the AADSTS table', () => {
  it('tells a token refusal, a person’s sign-in and the administrator’s sign-in apart for one number', () => {
    expect(lookupAadsts(53003).code).toBe('ENTRA_CONDITIONAL_ACCESS');
    expect(signInAadstsCode(53003)).toBe('ENTRA_CONDITIONAL_ACCESS');
    expect(adminSignInReading(53003)).toBe('conditional-access');
    expect(deviceCodeRefused(53003)).toBe(true);
    // 530032 blocks a sign-in, but not the device-code flow as such.
    expect(deviceCodeRefused(530032)).toBe(false);
    expect(adminSignInReading(7000218)).toBe('public-client');
    expect(deviceCodeRefused(7000218)).toBe(true);
  });

  it('gives numbers only a sign-in knows no token meaning', () => {
    expect(signInAadstsCode(50011)).toBe('ENTRA_REDIRECT_URI_MISMATCH');
    expect(adminSignInReading(50011)).toBe('redirect-uri');
    expect(lookupAadsts(50011).code).toBe('ENTRA_AADSTS');
    expect(signInAadstsCode(65004)).toBe('LOGIN_CANCELLED');
    expect(adminSignInReading(65004)).toBe('consent');
    expect(adminSignInReading(90095)).toBe('consent');
    expect(signInAadstsCode(90095)).toBeUndefined();
  });

  it('knows nothing of other numbers', () => {
    expect(signInAadstsCode(12345)).toBeUndefined();
    expect(adminSignInReading(12345)).toBeUndefined();
    expect(adminSignInReading(undefined)).toBeUndefined();
    expect(deviceCodeRefused(undefined)).toBe(false);
  });
});
