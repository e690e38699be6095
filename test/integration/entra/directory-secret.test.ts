/**
 * entra.secret-expiry: the secret found by its Secret ID (else by the value's first characters), with its
 * end date from Graph — under 30 days warns, expired fails, a Secret ID that is not the app's fails (naming
 * the one the value belongs to) — and, when the directory refuses or cannot be asked, the date written in
 * `auth.secretExpiresOn` (warn / fail / pass, saying the date is the file's); neither → skip with the advice.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraSecretExpiryCheck } from '../../../src/checks/entra/secret-expiry.js';
import {
  ALL_GRAPH_ROLES,
  adminSessions,
  directoryAccount,
  directoryContext,
  english,
  evidenceOf,
  fixesOf,
  scriptedAdmin,
  startDirectoryWorld,
  targetsOf,
  type DirectoryWorld,
} from './directory-world.js';

let world: DirectoryWorld;
const DAY = 86_400_000;

beforeAll(async () => {
  world = await startDirectoryWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

describe('entra.secret-expiry with directory access', () => {
  it('passes with the date when the secret found by its Secret ID has a year left', async () => {
    const outcome = await entraSecretExpiryCheck.run(directoryContext(world, directoryAccount(world, world.appFlow)));
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.secretKeyId')).toEqual([`${world.appFlow.secretId} (by Secret ID)`]);
    expect(english(outcome.summary)).toMatch(/^the client secret expires on \d{4}-\d{2}-\d{2}, in 36[45] days$/);
  });

  it('warns with ENTRA_SECRET_EXPIRING and the date when the secret expires in 10 days', async () => {
    const end = new Date(Date.now() + 10 * DAY + 3_600_000);
    const app = world.registerDirectoryApp({ secretEnd: end, graphRoles: ALL_GRAPH_ROLES });
    const outcome = await entraSecretExpiryCheck.run(directoryContext(world, directoryAccount(world, app)));
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_SECRET_EXPIRING' });
    expect(english(outcome.summary)).toBe(`the client secret expires on ${isoDay(end)}, in 10 days: create the next one and update Tactium before then`);
    expect(evidenceOf(outcome, 'entra.evidence.secretEnd')).toEqual([end.toISOString()]);
    expect(fixesOf(outcome)[0]).toContain(`App registrations › ${app.application.appId} › Certificates & secrets › Client secrets › New client secret`);
  });

  it('fails with ENTRA_SECRET_EXPIRED when the secret has expired (read by the administrator: the app’s own token is refused)', async () => {
    const end = new Date(Date.now() - 3 * DAY - 3_600_000);
    const app = world.registerDirectoryApp({ secretEnd: end });
    const outcome = await entraSecretExpiryCheck.run(directoryContext(world, directoryAccount(world, app), { sessions: adminSessions(scriptedAdmin(world)) }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_SECRET_EXPIRED' });
    expect(english(outcome.summary)).toBe(`the client secret expired on ${isoDay(end)}, 4 days ago: Entra refuses it (AADSTS7000222)`);
  });

  it('fails with ENTRA_SECRET_ID_NOT_FOUND when the Secret ID is not one of the app’s, naming the secret the value belongs to', async () => {
    const account = directoryAccount(world, world.appFlow, { auth: { secretId: randomUUID() } });
    const outcome = await entraSecretExpiryCheck.run(directoryContext(world, account));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_SECRET_ID_NOT_FOUND' });
    expect(english(outcome.summary)).toBe(
      `the Secret ID ${account.auth.secretId} is not one of the 1 client secrets of app ${world.appFlow.application.appId}: it was deleted, or it belongs to another app`,
    );
    expect(targetsOf(outcome)[0]).toBe(`secretId: ${world.appFlow.secretId}`);
    expect(evidenceOf(outcome, 'entra.evidence.appSecret')[0]).toContain(world.appFlow.secretId);
  });

  it('finds the secret by the value’s first characters when no Secret ID is configured', async () => {
    const outcome = await entraSecretExpiryCheck.run(directoryContext(world, directoryAccount(world, world.appFlow, { auth: { secretId: undefined } })));
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.secretKeyId')).toEqual([`${world.appFlow.secretId} (by the value's first characters)`]);
  });
});

describe('entra.secret-expiry without directory access: auth.secretExpiresOn', () => {
  const refused = (secretExpiresOn: string | undefined) => {
    const app = world.registerDirectoryApp();
    return directoryContext(world, directoryAccount(world, app, { auth: { secretExpiresOn } }));
  };

  it('warns with the file’s date when it is under 30 days away and the directory refused', async () => {
    const date = isoDay(new Date(Date.now() + 12 * DAY));
    const outcome = await entraSecretExpiryCheck.run(refused(date));
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_SECRET_EXPIRING' });
    expect(english(outcome.summary)).toMatch(
      new RegExp(`^the client secret expires on ${date}, in 1[12] days \\(date from auth\\.secretExpiresOn: the directory could not be read\\)`),
    );
    expect(evidenceOf(outcome, 'entra.evidence.directoryUnreadable')).toEqual(['ENTRA_DIRECTORY_DENIED']);
    expect(evidenceOf(outcome, 'entra.evidence.secretExpiresOn')).toEqual([date]);
  });

  it('fails with ENTRA_SECRET_EXPIRED when the file’s date has passed', async () => {
    const date = isoDay(new Date(Date.now() - 40 * DAY));
    const outcome = await entraSecretExpiryCheck.run(refused(date));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_SECRET_EXPIRED' });
    expect(english(outcome.summary)).toContain('(date from auth.secretExpiresOn: the directory could not be read)');
  });

  it('passes when the file’s date is far away', async () => {
    const outcome = await entraSecretExpiryCheck.run(refused(isoDay(new Date(Date.now() + 200 * DAY))));
    expect(outcome.status).toBe('pass');
  });

  it('skips saying how to unlock, and about secretExpiresOn, when neither the directory nor the file has the date', async () => {
    const outcome = await entraSecretExpiryCheck.run(refused(undefined));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_DIRECTORY_DENIED' });
    expect(targetsOf(outcome)).toContain('auth:\n  secretExpiresOn: YYYY-MM-DD');
    expect(targetsOf(outcome)[0]).toMatch(/--admin --only entra/);
  });

  it('uses the file’s date for an account the directory cannot be asked about at all (no secret, no --admin)', async () => {
    const date = isoDay(new Date(Date.now() + 5 * DAY));
    const account = directoryAccount(world, world.delegatedFlow, { flow: 'delegated', auth: { clientSecret: undefined, secretExpiresOn: date } });
    const outcome = await entraSecretExpiryCheck.run(directoryContext(world, account));
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_SECRET_EXPIRING' });
    expect(evidenceOf(outcome, 'entra.evidence.directoryUnreadable')).toEqual(['ENTRA_DIRECTORY_NOT_READABLE']);
  });
});
