import { describe, expect, it } from '@jest/globals';
import { CHECKS } from '../checks/registry.js';
import type { Status } from '../core/check.js';
import { isMessageKey } from '../i18n/index.js';
import { ITEM_PROOF, proofOf, provingCheckIds, verdictOf, type ItemKey } from './proof.js';

/** The item's verdict from a sketch of an account's results: `id` or `id:CODE` → status. */
function verdict(key: ItemKey, results: Record<string, Status>): string {
  const checks = Object.entries(results).map(([entry, status]) => {
    const [id, code] = entry.split(':');
    return { id: id!, status, code: code ?? null };
  });
  return proofOf(ITEM_PROOF[key], checks).verdict;
}

describe('ITEM_PROOF', () => {
  it('names only checks that exist, and a label and a to-do sentence for every item', () => {
    const known = new Set(CHECKS.map((check) => check.id));
    expect(provingCheckIds().filter((id) => !known.has(id))).toEqual([]);
    for (const [key, proof] of Object.entries(ITEM_PROOF)) {
      expect([key, isMessageKey(key), isMessageKey(proof.todo)]).toEqual([key, true, true]);
    }
  });

  it('a wrong password fails the password, not the outgoing server, its port or encryption', () => {
    const results: Record<string, Status> = { 'dns.outgoing': 'pass', 'smtp.connect': 'pass', 'smtp.tls': 'pass', 'smtp.auth:AUTH_REJECTED': 'fail' };
    expect(verdict('handoff.item.outgoingServer', results)).toBe('pass');
    expect(verdict('handoff.item.outgoingPort', results)).toBe('pass');
    expect(verdict('handoff.item.outgoingSecurity', results)).toBe('pass');
    expect(verdict('handoff.item.password', results)).toBe('fail');
    // The login name and the mailbox may be right: a refused login does not say which was wrong.
    expect(verdict('handoff.item.login', results)).toBe('not-verified');
    expect(verdict('handoff.item.mailbox', results)).toBe('not-verified');
  });

  it("the domain's mail going elsewhere (dns.mx) is the mailbox's to see to; its pass alone proves nothing", () => {
    expect(verdict('handoff.item.mailbox', { 'dns.mx:DNS_MX_GOOGLE': 'warn', 'smtp.auth': 'pass' })).toBe('warn');
    expect(verdict('gmail.handoff.mailbox', { 'dns.mx:DNS_MX_MICROSOFT': 'warn' })).toBe('warn');
    expect(verdict('handoff.item.mailbox', { 'dns.mx': 'pass' })).toBe('not-verified');
  });

  it('a failed login does not fail the incoming protocol, which the greeting proves', () => {
    const results: Record<string, Status> = { 'incoming.connect': 'pass', 'incoming.auth': 'fail' };
    expect(verdict('handoff.item.incomingProtocol', results)).toBe('pass');
    expect(verdict('gmail.handoff.incomingProtocol', results)).toBe('pass');
    expect(verdict('handoff.item.incomingProtocol', { 'incoming.auth': 'fail' })).toBe('not-verified');
  });

  it('the Secret ID is verified only by entra.secret-expiry, not by the file-only check', () => {
    expect(verdict('handoff.item.secretId', { 'config.secret-id-as-secret': 'pass' })).toBe('not-verified');
    expect(verdict('handoff.item.secretId', { 'config.secret-id-as-secret': 'pass', 'entra.secret-expiry': 'skip' })).toBe('not-verified');
    expect(verdict('handoff.item.secretId', { 'entra.secret-expiry': 'pass' })).toBe('pass');
    // The file-only check still speaks against the secret it found to be a Secret ID.
    expect(verdict('handoff.item.clientSecret', { 'config.secret-id-as-secret': 'warn' })).toBe('warn');
  });

  it('a file-only check can fail an item but never verify it', () => {
    expect(verdict('handoff.item.outgoingPort', { 'config.smtp-port': 'pass' })).toBe('not-verified');
    expect(verdict('handoff.item.outgoingPort', { 'config.smtp-port': 'fail' })).toBe('fail');
    expect(verdict('handoff.item.outgoingPort', { 'config.smtp-port': 'pass', 'smtp.connect': 'pass' })).toBe('pass');
  });

  it('blames a token refusal on the item its code names', () => {
    const badSecret = { 'entra.tenant': 'pass', 'entra.credentials:ENTRA_SECRET_INVALID': 'fail' } as const;
    expect(verdict('handoff.item.clientSecret', badSecret)).toBe('fail');
    expect(verdict('handoff.item.clientId', badSecret)).toBe('not-verified');
    expect(verdict('handoff.item.tenant', badSecret)).toBe('pass');
    const unknownApp = { 'entra.credentials:ENTRA_APP_NOT_FOUND': 'fail' } as const;
    expect(verdict('handoff.item.clientId', unknownApp)).toBe('fail');
    expect(verdict('handoff.item.clientSecret', unknownApp)).toBe('not-verified');
    // A token obtained proves the tenant, the client ID and the secret together.
    const token = { 'entra.credentials': 'pass' } as const;
    expect(['handoff.item.tenant', 'handoff.item.clientId', 'handoff.item.clientSecret'].map((key) => verdict(key as ItemKey, token))).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('a skipped check proves nothing; a broken one is an error', () => {
    expect(verdict('handoff.item.objectId', { 'entra.object-id': 'skip' })).toBe('not-verified');
    expect(verdict('handoff.item.objectId', { 'entra.object-id': 'error' })).toBe('error');
  });
});

describe('verdictOf', () => {
  it('is the worst status among the checks that ran; skips verified nothing', () => {
    expect(verdictOf([])).toBe('not-verified');
    expect(verdictOf(['skip', 'skip'])).toBe('not-verified');
    expect(verdictOf(['pass', 'skip'])).toBe('pass');
    expect(verdictOf(['pass', 'warn'])).toBe('warn');
    expect(verdictOf(['warn', 'fail', 'pass'])).toBe('fail');
    expect(verdictOf(['fail', 'error'])).toBe('error');
  });
});
