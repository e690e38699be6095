/**
 * entra.app and the way into the directory: the registration found (its Object ID left for entra.object-id),
 * not found, registered in another tenant; the directory refusing the app's own token (403 → skip with the
 * exact unlock), no identity at all, --admin without a terminal or with CI (no sign-in attempted), and Graph
 * throttling, failing or hanging (fail with evidence).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { entraAppCheck } from '../../../src/checks/entra/app.js';
import { APP_REGISTRATION_OBJECT_ID_MEMO, entraObjectIdCheck } from '../../../src/checks/entra/object-id.js';
import { AdminSessions } from '../../../src/signin/admin.js';
import { addServicePrincipal } from '../../../standins/entra-standin/index.js';
import {
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

beforeAll(async () => {
  world = await startDirectoryWorld();
});

beforeEach(() => {
  world.standin.resetLog();
  world.standin.clearFaults();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

describe('entra.app', () => {
  it('passes with the display name and sign-in audience, and leaves the registration’s Object ID for entra.object-id', async () => {
    const context = directoryContext(world, directoryAccount(world, world.appFlow));
    const outcome = await entraAppCheck.run(context);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(
      `the app registration “Tactium CRM” (${world.appFlow.application.appId}) exists in this tenant; sign-in audience AzureADMyOrg`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.appRegistrationObjectId')).toEqual([world.appFlow.application.id]);
    expect(context.shared.get(APP_REGISTRATION_OBJECT_ID_MEMO)).toBe(world.appFlow.application.id);
  });

  it('lets entra.object-id say for certain that the App registrations Object ID was sent, from the same single read', async () => {
    const account = directoryAccount(world, world.appFlow, { auth: { objectId: world.appFlow.application.id } });
    const context = directoryContext(world, account);
    const [app, objectId] = await Promise.all([entraAppCheck.run(context), entraObjectIdCheck.run(context)]);
    expect(app.status).toBe('pass');
    expect(objectId).toMatchObject({ status: 'fail', code: 'ENTRA_OBJECT_ID_MISMATCH' });
    expect(english(objectId.summary)).toBe(
      `the Object ID sent (${world.appFlow.application.id}) is the App registrations Object ID; Exchange needs the enterprise application’s`,
    );
    expect(world.standin.requests.filter((request) => request.path.startsWith('/v1.0/applications'))).toHaveLength(1);
  });

  it('fails with ENTRA_APP_NOT_FOUND when no registration nor enterprise application has the client ID', async () => {
    const account = directoryAccount(world, world.appFlow, { auth: { clientId: randomUUID() } });
    const outcome = await entraAppCheck.run(directoryContext(world, account, { sessions: adminSessions(scriptedAdmin(world)) }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_APP_NOT_FOUND' });
    expect(english(outcome.summary)).toBe(
      `there is no app registration with the Application (client) ID ${account.auth.clientId} in tenant ${world.contoso.id}: the client ID is wrong, or the app is registered in another tenant`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.graphCode')).toEqual(['Request_ResourceNotFound']);
    expect(evidenceOf(outcome, 'entra.evidence.httpStatus')).toEqual(['404']);
  });

  it('warns with ENTRA_APP_IN_OTHER_TENANT when only the enterprise application of an app registered elsewhere is here', async () => {
    const foreign = world.registerDirectoryApp({ tenant: world.fabrikam });
    const principal = addServicePrincipal(world.contoso, foreign.application);
    world.graph.grantGraphRoles(world.contoso, principal, ['Application.Read.All']);
    const outcome = await entraAppCheck.run(directoryContext(world, directoryAccount(world, foreign)));
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_APP_IN_OTHER_TENANT' });
    expect(evidenceOf(outcome, 'entra.evidence.appOwnerTenant')).toEqual([world.fabrikam.id]);
    expect(evidenceOf(outcome, 'entra.evidence.enterpriseAppObjectId')).toEqual([principal.id]);
  });
});

describe('reading the directory', () => {
  it('skips with ENTRA_DIRECTORY_DENIED when Graph refuses the app’s own token (403), saying which permission and how to unlock', async () => {
    const bare = world.registerDirectoryApp();
    const account = directoryAccount(world, bare, { name: 'atendimento' });
    const outcome = await entraAppCheck.run(directoryContext(world, account));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_DIRECTORY_DENIED' });
    expect(english(outcome.summary)).toBe(
      `the directory refused to answer the app ${bare.application.appId} (HTTP 403 Authorization_RequestDenied): it needs the application permission Application.Read.All`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.graphRequest')).toEqual([`GET /v1.0/applications(appId='${bare.application.appId}')`]);
    expect(evidenceOf(outcome, 'entra.evidence.graphMessage')).toEqual(['Insufficient privileges to complete the operation.']);
    expect(targetsOf(outcome)).toEqual([
      'tactium-preflight check test.yaml --admin --only entra --account atendimento',
      'https://entra.microsoft.com',
      `${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${bare.application.appId}`,
    ]);
    // One visit to the portal unlocks every directory check: all the application permissions they use.
    expect(fixesOf(outcome)[1]).toContain(
      'Microsoft Graph › Application permissions › Application.Read.All, Directory.Read.All, RoleManagement.Read.Directory › Add permissions › Grant admin consent',
    );
  });

  it('skips with ENTRA_DIRECTORY_NOT_READABLE, asking nothing of anyone, when there is no secret and no --admin', async () => {
    const account = directoryAccount(world, world.delegatedFlow, { flow: 'delegated', auth: { clientSecret: undefined } });
    const outcome = await entraAppCheck.run(directoryContext(world, account));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_DIRECTORY_NOT_READABLE' });
    expect(english(outcome.summary)).toBe(
      'needs directory access: run with --admin, or give the app the application permissions Application.Read.All, Directory.Read.All, RoleManagement.Read.Directory',
    );
    expect(evidenceOf(outcome, 'entra.evidence.appGraphToken')).toEqual(['no client secret configured']);
    expect(world.standin.requests).toEqual([]);
  });

  it('says Entra refused the Graph token (with its code) when the app’s own token request was refused, not "entra.credentials says why"', async () => {
    // entra.credentials asks for an Exchange Online token and may pass; only the Graph one is refused here.
    world.standin.injectFault({
      method: 'POST',
      path: /\/oauth2\/v2\.0\/token$/,
      status: 400,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        error: 'invalid_resource',
        error_description: 'AADSTS500011: The resource principal named https://graph.microsoft.com was not found in the tenant.',
        error_codes: [500011],
      }),
    });
    const outcome = await entraAppCheck.run(directoryContext(world, directoryAccount(world, world.appFlow)));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_DIRECTORY_NOT_READABLE' });
    expect(english(outcome.summary)).toBe(
      'needs directory access: Entra refused the app a Microsoft Graph token (AADSTS500011 (invalid_resource)), and --admin was not given',
    );
    expect(english(outcome.summary)).not.toContain('entra.credentials');
  });

  it('says the Graph token request did not get through when the token endpoint does not answer', async () => {
    world.standin.injectFault({ method: 'POST', path: /\/oauth2\/v2\.0\/token$/, hang: true, times: 5 });
    const account = directoryAccount(world, world.appFlow);
    const context = directoryContext(world, account);
    const outcome = await entraAppCheck.run({ ...context, options: { ...context.options, stepTimeoutMs: 500 } });
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_DIRECTORY_NOT_READABLE' });
    expect(english(outcome.summary)).toMatch(
      /^needs directory access: the request for the app’s Microsoft Graph token did not get through \(\w+\), and --admin was not given$/,
    );
  });

  it('signs nobody in without a terminal: --admin skips with the reason and no device code is asked for', async () => {
    const admin = scriptedAdmin(world, { canPrompt: false });
    const account = directoryAccount(world, world.appFlow, { auth: { clientSecret: undefined } });
    const outcome = await entraAppCheck.run(directoryContext(world, account, { sessions: new AdminSessions(admin.interaction, { env: {} }) }));
    expect(outcome).toMatchObject({ status: 'skip', code: 'ENTRA_ADMIN_SIGNIN_UNAVAILABLE' });
    expect(english(outcome.summary)).toBe(
      '--admin needs a person at an interactive terminal to sign in, and there is none here; the app cannot read the directory itself',
    );
    expect(world.standin.requests).toEqual([]);
    expect(admin.shown).toEqual([]);
  });

  it('signs nobody in with CI set, and still reads the directory with the app’s own permissions', async () => {
    const admin = scriptedAdmin(world, { canPrompt: false });
    const sessions = new AdminSessions(admin.interaction, { env: { CI: 'true' } });
    const noSecret = await entraAppCheck.run(
      directoryContext(world, directoryAccount(world, world.appFlow, { auth: { clientSecret: undefined } }), { sessions }),
    );
    expect(english(noSecret.summary)).toBe('--admin does not sign in when CI is set, and the app cannot read the directory itself');
    expect(evidenceOf(noSecret, 'entra.evidence.adminSignIn')).toEqual(['ENTRA_SIGNIN_CI']);
    const withSecret = await entraAppCheck.run(directoryContext(world, directoryAccount(world, world.appFlow), { sessions }));
    expect(withSecret.status).toBe('pass');
    expect(evidenceOf(withSecret, 'entra.evidence.adminSignIn')).toEqual(['ENTRA_SIGNIN_CI']);
    expect(world.standin.requests.some((request) => request.path.endsWith('/devicecode'))).toBe(false);
  });

  it('fails with GRAPH_THROTTLED (Retry-After as evidence) and GRAPH_UNAVAILABLE, which are not a refusal', async () => {
    world.standin.injectFault({
      path: /^\/v1\.0\/applications/,
      status: 429,
      headers: { 'retry-after': '17', 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests.', innerError: { 'request-id': 'r-429' } } }),
      contentType: 'application/json',
    });
    const throttled = await entraAppCheck.run(directoryContext(world, directoryAccount(world, world.appFlow)));
    expect(throttled).toMatchObject({ status: 'fail', code: 'GRAPH_THROTTLED' });
    expect(evidenceOf(throttled, 'entra.evidence.retryAfter')).toEqual(['17']);
    expect(evidenceOf(throttled, 'entra.evidence.graphRequestId')).toEqual(['r-429']);

    world.standin.injectFault({ path: /^\/v1\.0\/applications/, status: 503 });
    const down = await entraAppCheck.run(directoryContext(world, directoryAccount(world, world.appFlow)));
    expect(down).toMatchObject({ status: 'fail', code: 'GRAPH_UNAVAILABLE' });
    expect(english(down.summary)).toBe('Microsoft Graph could not answer (HTTP 503): a problem on Microsoft’s side');
  });

  it('fails with HTTP_TIMEOUT when Graph accepts the connection and never answers', async () => {
    world.standin.injectFault({ path: /^\/v1\.0\/applications/, hang: true });
    const outcome = await entraAppCheck.run(directoryContext(world, directoryAccount(world, world.appFlow), { options: { stepTimeoutMs: 800 } }));
    expect(outcome).toMatchObject({ status: 'fail', code: 'HTTP_TIMEOUT' });
    expect(evidenceOf(outcome, 'entra.evidence.graphRequest')).toEqual([`GET /v1.0/applications(appId='${world.appFlow.application.appId}')`]);
  });
});
