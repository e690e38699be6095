import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { makeAccount } from '../../test/support/check-context.js';
import { scrub } from '../secrets/redact.js';
import { authorizationUrl, createPkce, createState, outlookScopes, readPasted, readRedirectUrl } from './authorization-code.js';

describe('the Outlook scopes of the delegated flow', () => {
  it('asks for the incoming protocol’s scope and SMTP.Send under outlook.office.com in the global cloud', () => {
    expect(outlookScopes(makeAccount({ provider: 'office365', incoming: { protocol: 'imap' } }))).toEqual([
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
    ]);
    expect(outlookScopes(makeAccount({ provider: 'office365', incoming: { protocol: 'pop3' } }))).toEqual([
      'https://outlook.office.com/POP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
    ]);
  });

  it('uses the national cloud’s Exchange resource (docs/provider-facts.md §National clouds)', () => {
    expect(outlookScopes(makeAccount({ provider: 'office365', cloud: 'usgov' }))[0]).toBe('https://outlook.office365.us/IMAP.AccessAsUser.All');
    expect(outlookScopes(makeAccount({ provider: 'office365', cloud: 'china' }))[1]).toBe('https://partner.outlook.cn/SMTP.Send');
  });
});

describe('PKCE and state', () => {
  it('makes a 43-character verifier whose S256 challenge is the base64url SHA-256 (RFC 7636 §4.2)', () => {
    const pkce = createPkce();
    expect(pkce.verifier.reveal()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkce.challenge).toBe(createHash('sha256').update(pkce.verifier.reveal()).digest('base64url'));
    expect(scrub(`verifier ${pkce.verifier.reveal()}`)).toBe('verifier [redacted]');
    expect(createState()).not.toBe(createState());
  });

  it('builds the authorization URL on the tenant’s authority, Outlook and OIDC scopes only', () => {
    const url = new URL(
      authorizationUrl({
        login: 'https://login.microsoftonline.com/',
        tenant: 'contoso.com.br',
        clientId: 'c1',
        redirectUri: 'https://crm/cb',
        scopes: ['https://outlook.office.com/SMTP.Send'],
        state: 's1',
        codeChallenge: 'ch',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://login.microsoftonline.com/contoso.com.br/oauth2/v2.0/authorize');
    expect(url.searchParams.get('scope')).toBe('https://outlook.office.com/SMTP.Send openid profile offline_access');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });
});

describe('reading what the browser was sent to', () => {
  it('takes the code of this sign-in, from the query or the fragment, with quotes around it', () => {
    const query = readPasted('"https://crm.example/cb?code=Cq1&state=s1&session_state=x"', 's1');
    expect(query.kind === 'code' && query.code.reveal()).toBe('Cq1');
    const fragment = readRedirectUrl(new URL('https://crm.example/cb#code=Cq2&state=s1'), 's1');
    expect(fragment.kind === 'code' && fragment.code.reveal()).toBe('Cq2');
  });

  it('refuses an answer to another sign-in (state), and reads Entra’s error and its AADSTS number', () => {
    expect(readPasted('https://crm.example/cb?code=Cq3&state=other', 's1')).toEqual({ kind: 'state-mismatch' });
    expect(readPasted('https://crm.example/cb?error=access_denied&error_subcode=cancel&error_description=AADSTS65004%3A+User+declined&state=s1', 's1')).toEqual(
      {
        kind: 'error',
        error: 'access_denied',
        description: 'AADSTS65004: User declined',
        aadsts: 65004,
        subcode: 'cancel',
      },
    );
  });

  it('keeps Microsoft’s error line readable (no code in it) and treats anything else pasted as a secret', () => {
    expect(readPasted('AADSTS50011: The redirect URI does not match.', 's1')).toEqual({
      kind: 'page-error',
      aadsts: 50011,
      text: 'AADSTS50011: The redirect URI does not match.',
    });
    expect(readPasted('my-Password-pasted-by-mistake', 's1')).toEqual({ kind: 'no-code' });
    expect(scrub('x my-Password-pasted-by-mistake')).toBe('x [redacted]');
    expect(readPasted('https://crm.example/cb', 's1')).toEqual({ kind: 'no-code', host: 'crm.example' });
    expect(readPasted('   ', 's1')).toEqual({ kind: 'empty' });
  });
});
