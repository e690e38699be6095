import { challengeVerdict, parseOauthChallenge } from './oauth-challenge.js';

describe('parseOauthChallenge', () => {
  it("reads Google's documented 401 challenge", () => {
    expect(parseOauthChallenge('{"status":"401","schemes":"bearer mac","scope":"https://mail.google.com/"}')).toEqual({
      status: '401',
      schemes: 'bearer mac',
      scope: 'https://mail.google.com/',
    });
  });

  it("reads a numeric status and tolerates a trailing newline (Google's sample ends with one)", () => {
    expect(parseOauthChallenge('{"status":400,"schemes":"Bearer","scope":"https://mail.google.com/"}\n')).toEqual({
      status: '400',
      schemes: 'Bearer',
      scope: 'https://mail.google.com/',
    });
  });

  it('returns undefined for text that is not a JSON object with a status', () => {
    expect(parseOauthChallenge(undefined)).toBeUndefined();
    expect(parseOauthChallenge('not json')).toBeUndefined();
    expect(parseOauthChallenge('["401"]')).toBeUndefined();
    expect(parseOauthChallenge('{"schemes":"bearer"}')).toBeUndefined();
  });
});

describe('challengeVerdict', () => {
  it.each([
    ['401', 'invalid-token'],
    ['invalid_token', 'invalid-token'],
    ['400', 'insufficient-scope'],
    ['403', 'insufficient-scope'],
    ['insufficient_scope', 'insufficient-scope'],
  ])('maps status %s to %s', (status, verdict) => {
    expect(challengeVerdict({ status })).toBe(verdict);
  });

  it('has no verdict for an unknown status or no challenge', () => {
    expect(challengeVerdict({ status: '500' })).toBeUndefined();
    expect(challengeVerdict(undefined)).toBeUndefined();
  });
});
