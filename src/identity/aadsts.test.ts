import { describe, expect, it } from '@jest/globals';
import { lookupAadsts } from '../providers/microsoft/aadsts.js';
import { aadstsNumber, descriptionHeadline, parseEntraError } from './aadsts.js';
import { Secret } from '../secrets/secret.js';

describe('AADSTS numbers', () => {
  it('reads the number from error_codes, from msal’s errorNo (a number at run time), or from the description', () => {
    expect(aadstsNumber([7000215], undefined)).toBe(7000215);
    expect(aadstsNumber(700016, undefined)).toBe(700016);
    expect(aadstsNumber('90002', undefined)).toBe(90002);
    expect(aadstsNumber(undefined, 'Error(s): 7000222 - Description: AADSTS7000222: The provided client secret keys are expired.')).toBe(7000222);
    expect(aadstsNumber(undefined, 'no number here')).toBeUndefined();
  });

  it('maps each diagnosed number to our code and fix, and any other number to ENTRA_AADSTS', () => {
    expect(lookupAadsts(7000215)).toMatchObject({ code: 'ENTRA_SECRET_INVALID', fix: 'secret-value' });
    expect(lookupAadsts(7000222)).toMatchObject({ code: 'ENTRA_SECRET_EXPIRED' });
    expect(lookupAadsts(700016).code).toBe('ENTRA_APP_NOT_FOUND');
    expect(lookupAadsts(700011).code).toBe('ENTRA_APP_NOT_FOUND');
    expect(lookupAadsts(7000112).code).toBe('ENTRA_APP_DISABLED');
    expect(lookupAadsts(70001).code).toBe('ENTRA_APP_DISABLED');
    expect(lookupAadsts(500011).code).toBe('ENTRA_EXCHANGE_NOT_IN_TENANT');
    expect(lookupAadsts(53003).code).toBe('ENTRA_CONDITIONAL_ACCESS');
    expect(lookupAadsts(1002012).code).toBe('ENTRA_SCOPE_INVALID');
    expect(lookupAadsts(70011).code).toBe('ENTRA_SCOPE_INVALID');
    expect(lookupAadsts(12345).code).toBe('ENTRA_AADSTS');
    expect(lookupAadsts(undefined).code).toBe('ENTRA_AADSTS');
  });

  it('parses Entra’s error answer and keeps the first sentence of the description apart from its IDs', () => {
    const body = {
      error: 'invalid_client',
      error_description:
        "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'x'.\r\nTrace ID: t\r\nCorrelation ID: c\r\nTimestamp: 2026-11-24 13:05:09Z",
      error_codes: [7000215],
      timestamp: '2026-11-24 13:05:09Z',
      trace_id: 't',
      correlation_id: 'c',
    };
    const parsed = parseEntraError(body);
    expect(parsed).toEqual({
      error: 'invalid_client',
      description: body.error_description,
      aadsts: 7000215,
      traceId: 't',
      correlationId: 'c',
      timestamp: '2026-11-24 13:05:09Z',
    });
    expect(descriptionHeadline(body.error_description)).toBe(
      "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'x'.",
    );
    expect(descriptionHeadline('AADSTS90002: Tenant not found. Trace ID: t Correlation ID: c')).toBe('AADSTS90002: Tenant not found.');
    expect(parseEntraError({ token_type: 'Bearer' })).toBeUndefined();
    expect(parseEntraError('text')).toBeUndefined();
  });
});

describe('descriptionHeadline and secrets', () => {
  // A 45-character client secret, as Entra issues them (`~` in the 4th place).
  const secret = 'Ab3~Cd5.Ef7_Gh9-Ij1~Kl3.Mn5_Op7-Qr9~St1.Uv3Wx';
  new Secret(secret, 'env');

  it('removes an echoed client secret that straddles the 500-character cut, at every offset', () => {
    for (let offset = 440; offset <= 500; offset++) {
      const body = new URLSearchParams({ client_id: 'app', client_secret: secret, grant_type: 'client_credentials' }).toString();
      const description = `AADSTS7000215: Invalid client secret provided. ${'.'.repeat(offset - 47 - 'client_id=app&client_secret='.length)}${body} ${'y'.repeat(100)}\r\nTrace ID: t`;
      const headline = descriptionHeadline(description);
      expect(headline.length).toBeLessThanOrEqual(500);
      for (let at = 0; at + 4 <= secret.length; at++) expect(headline).not.toContain(secret.slice(at, at + 4));
      const encoded = new URLSearchParams({ s: secret }).toString().slice(2);
      for (let at = 0; at + 4 <= encoded.length; at++) expect(headline).not.toContain(encoded.slice(at, at + 4));
    }
  });
});
