import { editDistance, suggest } from './suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and a swapped pair as one edit each', () => {
    expect(editDistance('startls', 'starttls')).toBe(1);
    expect(editDistance('clientSecrets', 'clientSecret')).toBe(1);
    expect(editDistance('hots', 'host')).toBe(1);
    expect(editDistance('office356', 'office365')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('suggest', () => {
  it('finds the value meant, ignoring case', () => {
    expect(suggest('office356', ['office365', 'gmail', 'imap'])).toBe('office365');
    expect(suggest('startls', ['tls', 'starttls', 'none'])).toBe('starttls');
    expect(suggest('tenantID', ['tenantId', 'clientId'])).toBe('tenantId');
    expect(suggest('Gmail', ['office365', 'gmail', 'imap'])).toBe('gmail');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(suggest('exchange', ['office365', 'gmail', 'imap'])).toBeUndefined();
    expect(suggest('x', ['tls', 'starttls'])).toBeUndefined();
    expect(suggest('anything', [])).toBeUndefined();
  });
});
