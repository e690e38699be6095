/**
 * entra.redirect-uri (delegated flow) against the registration the stand-in's Graph serves: exactly on the
 * Web platform passes (a loopback URI with any port too); a trailing slash or a path in other case is a
 * named near miss (AADSTS50011 at sign-in); only on Single-page application fails with AADSTS9002327's
 * explanation, only on Mobile and desktop with AADSTS700025's; none at all fails; the fix adds the exact
 * URI on the Web platform.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraRedirectUriCheck } from '../../../src/checks/entra/redirect-uri.js';
import type { CheckOutcome } from '../../../src/core/check.js';
import { makeAccount } from '../../support/check-context.js';
import {
  ALL_GRAPH_ROLES,
  REDIRECT_URI,
  directoryAccount,
  directoryContext,
  english,
  evidenceOf,
  fixesOf,
  startDirectoryWorld,
  targetsOf,
  type DirectoryAppOptions,
  type DirectoryWorld,
} from './directory-world.js';

let world: DirectoryWorld;

beforeAll(async () => {
  world = await startDirectoryWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

async function check(redirectUris: DirectoryAppOptions['redirectUris'], configured = REDIRECT_URI): Promise<CheckOutcome> {
  const app = world.registerDirectoryApp({ flow: 'delegated', redirectUris, graphRoles: ALL_GRAPH_ROLES });
  return entraRedirectUriCheck.run(directoryContext(world, directoryAccount(world, app, { flow: 'delegated', auth: { redirectUri: configured } })));
}

describe('entra.redirect-uri', () => {
  it('passes when the URI is registered exactly on the Web platform', async () => {
    const outcome = await check({ web: ['https://other.tactium.test/cb', REDIRECT_URI] });
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(`${REDIRECT_URI} is registered exactly, on the Web platform`);
    expect(evidenceOf(outcome, 'entra.evidence.redirectWeb')).toEqual([`https://other.tactium.test/cb, ${REDIRECT_URI}`]);
  });

  it('passes a loopback redirect URI whatever its port, as Entra matches it', async () => {
    expect((await check({ web: ['http://localhost/callback'] }, 'http://localhost:53117/callback')).status).toBe('pass');
  });

  it('fails with ENTRA_REDIRECT_URI_MISMATCH naming a trailing-slash near miss, with the exact URI to add on the Web platform', async () => {
    const outcome = await check({ web: [`${REDIRECT_URI}/`] });
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_MISMATCH' });
    expect(english(outcome.summary)).toBe(
      `${REDIRECT_URI} is not registered; the closest is ${REDIRECT_URI}/ (Web), which differs in: trailing-slash. The sign-in would fail with AADSTS50011`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.redirectNearMiss')).toEqual([`${REDIRECT_URI}/ (Web: trailing-slash)`]);
    expect(fixesOf(outcome)[0]).toContain(
      `Authentication › Add a platform › Web (or the Web platform already there) › add the redirect URI exactly as Tactium sends it: ${REDIRECT_URI}`,
    );
    expect(fixesOf(outcome)[1]).toBe(
      `Or, if ${REDIRECT_URI}/ is the address Tactium really uses, write it in auth.redirectUri and in Tactium’s e-mail settings.`,
    );
  });

  it('names a path that differs only in case', async () => {
    const outcome = await check({ web: ['https://crm.tactium.test/OAuth/Callback'] });
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_MISMATCH' });
    expect(english(outcome.summary)).toContain('which differs in: path-case');
  });

  it('fails with ENTRA_REDIRECT_URI_SPA when the URI is registered only as a single-page application (AADSTS9002327)', async () => {
    const outcome = await check({ web: [], spa: [REDIRECT_URI] });
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_SPA' });
    expect(english(outcome.summary)).toBe(
      `${REDIRECT_URI} is registered only as a Single-page application redirect URI: a server such as Tactium cannot redeem the code with its client secret there (AADSTS9002327)`,
    );
    expect(fixesOf(outcome)[1]).toBe(
      `On the same page, remove ${REDIRECT_URI} from Single-page application, so that Entra does not treat it as that platform. => https://entra.microsoft.com`,
    );
    expect(targetsOf(outcome)).toEqual(['https://entra.microsoft.com', 'https://entra.microsoft.com']);
  });

  it('fails with ENTRA_REDIRECT_URI_PUBLIC_CLIENT when the URI is only under Mobile and desktop applications', async () => {
    const outcome = await check({ web: [], publicClient: [REDIRECT_URI] });
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_PUBLIC_CLIENT' });
    expect(english(outcome.summary)).toContain('(AADSTS700025)');
  });

  it('fails with ENTRA_REDIRECT_URI_NONE when the app has no redirect URI at all', async () => {
    const outcome = await check({ web: [] });
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_REDIRECT_URI_NONE' });
    expect(evidenceOf(outcome, 'entra.evidence.redirectWeb')).toEqual(['(none)']);
  });

  it('applies to the delegated flow with a redirect URI only', () => {
    const application = makeAccount({
      provider: 'office365',
      auth: { method: 'oauth2', flow: 'application', tenantId: 'contoso.onmicrosoft.com', clientId: 'c' },
    });
    expect(entraRedirectUriCheck.appliesTo(application)).toEqual({ key: 'entra.notApplicable.notDelegatedFlow' });
    const noUri = makeAccount({ provider: 'office365', auth: { method: 'oauth2', flow: 'delegated', tenantId: 'contoso.onmicrosoft.com', clientId: 'c' } });
    expect(entraRedirectUriCheck.appliesTo(noUri)).toEqual({ key: 'entra.notApplicable.noRedirectUri' });
  });
});
