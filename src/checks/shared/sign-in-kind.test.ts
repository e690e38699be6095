import { describe, expect, it } from '@jest/globals';
import { Secret } from '../../secrets/secret.js';
import type { Account, AuthConfig } from '../../config/types.js';
import type { MailCredential } from '../../probes/credential.js';
import { signInKind, signedInUser } from './sign-in-kind.js';

function account(auth: Partial<AuthConfig> = {}): Account {
  return { provider: 'imap', mailbox: 'box@example.test', auth: { method: 'oauth2', ...auth } } as unknown as Account;
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT' })}.${part(claims)}.c2ln`;
}

function token(value: string): MailCredential {
  return { kind: 'token', user: 'box@example.test', token: new Secret(value, 'env', '${env:ACCESS_TOKEN}') };
}

describe('signInKind: how the mail login signed in, whatever the provider', () => {
  it('a password is a person', () => {
    expect(signInKind(account({ method: 'password' }), { kind: 'password', user: 'u', password: new Secret('p', 'env', '${env:P}') })).toBe('password');
  });

  it('trusts where the token came from', () => {
    expect(signInKind(account(), token('opaque'), 'entra-application')).toBe('app-only');
    expect(signInKind(account(), token('opaque'), 'entra-delegated')).toBe('delegated');
    expect(signInKind(account(), token('opaque'), 'google')).toBe('delegated');
  });

  it('reads a token from the file by its claims: idtyp app, or roles without scp, is app-only; scp is delegated', () => {
    expect(signInKind(account(), token(jwt({ idtyp: 'app' })), 'config')).toBe('app-only');
    expect(signInKind(account(), token(jwt({ roles: ['IMAP.AccessAsApp'] })), 'config')).toBe('app-only');
    expect(signInKind(account({ flow: 'application' }), token(jwt({ scp: 'IMAP.AccessAsUser.All' })), 'config')).toBe('delegated');
  });

  it('falls back to auth.flow for an opaque token, and says unknown without it', () => {
    expect(signInKind(account({ flow: 'application' }), token('opaque'), 'config')).toBe('app-only');
    expect(signInKind(account({ flow: 'delegated' }), token('opaque'), 'config')).toBe('delegated');
    expect(signInKind(account(), token('opaque'), 'config')).toBe('unknown');
  });

  it('names the person of a delegated token, and the login name otherwise', () => {
    expect(signedInUser(token(jwt({ scp: 'x', upn: 'joana@example.test' })))).toBe('joana@example.test');
    expect(signedInUser(token(jwt({ idtyp: 'app', upn: 'ignored@example.test' })))).toBe('box@example.test');
    expect(signedInUser(token('opaque'))).toBe('box@example.test');
  });
});
