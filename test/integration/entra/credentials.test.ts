/**
 * entra.credentials through the real @azure/msal-node against the Entra stand-in: a healthy app gets a
 * token with exactly one POST (no discovery call leaves the machine), and every refusal Entra can give for
 * client credentials is diagnosed with its own code and this account's values.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { entraCredentialsCheck } from '../../../src/checks/entra/credentials.js';
import { APP_TOKEN_MEMO } from '../../../src/checks/shared/entra-token-provider.js';
import type { AppTokenResult } from '../../../src/identity/entra-client.js';
import { secret } from '../../support/check-context.js';
import { AADSTS, createTenant, type EntraError } from '../../../standins/entra-standin/index.js';
import { errorBody } from '../../../standins/entra-standin/errors.js';
import { english, entraAccount, entraContext, evidenceOf, fixesText, startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;

beforeAll(async () => {
  world = await startWorld();
});

beforeEach(() => {
  world.standin.resetLog();
  world.standin.clearFaults();
});

afterAll(async () => {
  await world.close();
});

/** A fault that answers with Entra's own error shape (for refusals the model cannot produce by itself). */
function entraFault(failure: EntraError, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    status: failure.status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(errorBody(failure, undefined, world.standin.url())),
    headers,
  };
}

describe('entra.credentials', () => {
  it('passes with one POST to the token endpoint and nothing else, and keeps the token in memory only', async () => {
    const account = entraAccount(world, world.app);
    const { context, resolver } = entraContext(world, account);
    const outcome = await entraCredentialsCheck.run(context);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(`app ${world.app.application.appId} obtained an Exchange Online token with its client secret`);
    expect(world.standin.requests).toHaveLength(1);
    expect(world.standin.requests[0]).toMatchObject({
      method: 'POST',
      path: `/${world.contoso.id}/oauth2/v2.0/token`,
      grantType: 'client_credentials',
      clientId: world.app.application.appId,
      scope: 'https://outlook.office365.com/.default',
      secretPresented: true,
      status: 200,
    });
    expect(world.standin.unexpected).toEqual([]);
    expect(resolver.asked).toEqual(['login.standin.test']);
    expect(resolver.unexpected).toEqual([]);
    expect(evidenceOf(outcome, 'entra.evidence.scope')).toEqual(['https://outlook.office365.com/.default']);
    expect(evidenceOf(outcome, 'entra.evidence.endpoint')).toEqual([`${world.standin.url()}/${world.contoso.id}/oauth2/v2.0/token`]);
    const memo = await context.shared.get<Promise<AppTokenResult>>(APP_TOKEN_MEMO);
    expect(memo?.ok).toBe(true);
    const token = memo?.ok ? memo.token.reveal() : '';
    expect(world.standin.tokens.get(token)).toBeDefined();
    expect(JSON.stringify(outcome)).not.toContain(token.slice(0, 40));
  });

  it('fails with ENTRA_SECRET_INVALID (AADSTS7000215) for a wrong secret, with the new-secret steps and the variable to update', async () => {
    const account = entraAccount(world, world.app, {
      auth: { clientSecret: secret('Wv8~not-the-right-secret-value-at-all-x', 'env', '${env:TACTIUM_CLIENT_SECRET}') },
    });
    const outcome = await entraCredentialsCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_SECRET_INVALID' });
    expect(english(outcome.summary)).toContain(`Entra refused the client secret of app ${world.app.application.appId} (AADSTS7000215)`);
    expect(evidenceOf(outcome, 'entra.evidence.aadsts')).toEqual(['AADSTS7000215']);
    expect(evidenceOf(outcome, 'entra.evidence.oauthError')).toEqual(['invalid_client (HTTP 401)']);
    expect(evidenceOf(outcome, 'entra.evidence.secretId')).toEqual([world.app.secretId]);
    expect(evidenceOf(outcome, 'entra.evidence.secretReference')).toEqual(['${env:TACTIUM_CLIENT_SECRET}']);
    // Entra echoes the client-request-id msal sent as the correlation ID: the evidence carries it.
    expect(evidenceOf(outcome, 'entra.evidence.correlationId')).toEqual([world.standin.requests[0]?.query['client-request-id']]);
    const fixes = fixesText(outcome);
    expect(fixes).toContainEqual(
      expect.stringContaining(`App registrations › ${world.app.application.appId} › Certificates & secrets › Client secrets › New client secret`),
    );
    expect(fixes).toContainEqual('Put the new Value in the environment variable TACTIUM_CLIENT_SECRET.');
  });

  it('fails with ENTRA_SECRET_ID_AS_VALUE when the Secret ID was pasted as the secret', async () => {
    const account = entraAccount(world, world.app, { auth: { clientSecret: secret(world.app.secretId) } });
    const outcome = await entraCredentialsCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_SECRET_ID_AS_VALUE' });
    expect(english(outcome.summary)).toContain('auth.clientSecret holds a GUID: that is the Secret ID, not the secret’s Value');
    expect(evidenceOf(outcome, 'entra.evidence.aadsts')).toEqual(['AADSTS7000215']);
    expect(fixesText(outcome)[0]).toContain('The Secret ID column of Certificates & secrets is a GUID');
  });

  it('fails with ENTRA_SECRET_EXPIRED (AADSTS7000222) for an expired secret', async () => {
    const expired = world.register(world.contoso, { expiredSecret: true });
    const account = entraAccount(world, expired, { auth: { secretExpiresOn: '2020-01-31' } });
    const outcome = await entraCredentialsCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_SECRET_EXPIRED' });
    expect(english(outcome.summary)).toBe(`the client secret of app ${expired.application.appId} has expired (AADSTS7000222)`);
    expect(evidenceOf(outcome, 'entra.evidence.secretExpiresOn')).toEqual(['2020-01-31']);
    expect(fixesText(outcome)).toContainEqual(expect.stringContaining('auth.secretExpiresOn'));
  });

  it('fails with ENTRA_APP_NOT_FOUND (AADSTS700016) for an unknown client ID, showing both IDs and the consent URL', async () => {
    const unknown = '11111111-2222-4333-8444-555555555555';
    const account = entraAccount(world, world.app, { auth: { clientId: unknown } });
    const outcome = await entraCredentialsCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_APP_NOT_FOUND' });
    expect(english(outcome.summary)).toBe(
      `there is no application ${unknown} in tenant ${world.contoso.id} (AADSTS700016): the client ID is wrong, or the tenant is not the one where the app is registered`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.clientId')).toEqual([unknown]);
    expect(evidenceOf(outcome, 'entra.evidence.tenant')).toEqual([world.contoso.id]);
    const fixes = fixesText(outcome);
    expect(fixes[0]).toContain(`the Application (client) ID must be ${unknown} and the Directory (tenant) ID must be ${world.contoso.id}`);
    expect(outcome.remediation?.find((step) => step.kind === 'url')?.target).toBe(
      `${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${unknown}`,
    );
  });

  it('fails with ENTRA_APP_NOT_FOUND when the app is registered in another tenant than the configured one', async () => {
    const account = entraAccount(world, world.app, { tenantId: 'fabrikam.onmicrosoft.com' });
    const outcome = await entraCredentialsCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_APP_NOT_FOUND' });
    expect(evidenceOf(outcome, 'entra.evidence.entraMessage')[0]).toContain("was not found in the directory 'Fabrikam'");
    expect(fixesText(outcome)).toContainEqual(
      expect.stringContaining('it exists in fabrikam.onmicrosoft.com only after an administrator of fabrikam.onmicrosoft.com grants consent'),
    );
  });

  it('fails with ENTRA_APP_DISABLED (AADSTS7000112) for a disabled enterprise application', async () => {
    const disabled = world.register(world.contoso);
    disabled.servicePrincipal.accountEnabled = false;
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, disabled)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_APP_DISABLED' });
    expect(evidenceOf(outcome, 'entra.evidence.aadsts')).toEqual(['AADSTS7000112']);
    expect(fixesText(outcome)).toContainEqual(
      expect.stringContaining(
        `Enterprise applications › All applications › ${disabled.application.appId} › Properties › “Enabled for users to sign-in?” › Yes`,
      ),
    );
  });

  it('fails with ENTRA_TENANT_NOT_FOUND (AADSTS90002) at the token endpoint, as msal reports it with authorityMetadata', async () => {
    const account = entraAccount(world, world.app, { tenantId: '99999999-8888-4777-8666-555555555555' });
    const outcome = await entraCredentialsCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_TENANT_NOT_FOUND' });
    expect(evidenceOf(outcome, 'entra.evidence.oauthError')).toEqual(['invalid_tenant (HTTP 400)']);
    expect(world.standin.requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('fails with ENTRA_EXCHANGE_NOT_IN_TENANT (AADSTS500011) in a tenant without Exchange Online', async () => {
    const noExchange = createTenant({ displayName: 'NoMail', domains: ['nomail.onmicrosoft.com'], exchange: false });
    world.standin.directory.tenants.push(noExchange);
    const app = world.register(noExchange, { roles: [] });
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, app, { tenantId: noExchange.id })).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_EXCHANGE_NOT_IN_TENANT' });
    expect(english(outcome.summary)).toContain('has no Office 365 Exchange Online service (AADSTS500011)');
    expect(outcome.remediation?.[0]).toMatchObject({ kind: 'portal', target: 'https://admin.microsoft.com' });
  });

  it('fails with ENTRA_CONDITIONAL_ACCESS (AADSTS53003) and points at the sign-in logs with the correlation ID', async () => {
    const blocked = world.register(world.contoso);
    world.contoso.conditionalAccess = { blockedAppIds: [blocked.application.appId] };
    try {
      const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, blocked)).context);
      expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_CONDITIONAL_ACCESS' });
      const correlation = evidenceOf(outcome, 'entra.evidence.correlationId')[0] ?? '';
      expect(correlation).toMatch(/^[0-9a-f-]{36}$/);
      expect(fixesText(outcome)).toContainEqual(expect.stringContaining(`Service principal sign-ins: the failed sign-in (correlation ID ${correlation})`));
    } finally {
      world.contoso.conditionalAccess = { blockedAppIds: [] };
    }
  });

  it('fails with ENTRA_SCOPE_INVALID (AADSTS1002012) and names the scope and the cloud it came from', async () => {
    world.standin.injectFault(entraFault(AADSTS.scopeWithoutDefault('https://outlook.office365.com')));
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_SCOPE_INVALID' });
    expect(fixesText(outcome)[0]).toContain('The scope https://outlook.office365.com/.default comes from cloud: global');
  });

  it('fails with ENTRA_UNAVAILABLE for a 503 with an empty body (msal returns an empty token, not an error)', async () => {
    world.standin.injectFault({ method: 'POST', status: 503 });
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_UNAVAILABLE' });
    expect(evidenceOf(outcome, 'entra.evidence.httpStatus')).toEqual(['503']);
    expect(english(outcome.summary)).toBe('Entra answered HTTP 503: a temporary problem on Microsoft’s side, or on the way');
  });

  it('fails with ENTRA_THROTTLED for a 429 and shows Retry-After', async () => {
    world.standin.injectFault({ method: 'POST', status: 429, headers: { 'retry-after': '30' } });
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_THROTTLED' });
    expect(evidenceOf(outcome, 'entra.evidence.retryAfter')).toEqual(['30']);
  });

  it('fails with ENTRA_UNEXPECTED_ANSWER when a firewall answers with its own HTML page', async () => {
    world.standin.injectFault({ method: 'POST', status: 502, body: '<html><head><title>Access denied - FortiGate</title></head><body>blocked</body></html>' });
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_UNEXPECTED_ANSWER' });
    expect(evidenceOf(outcome, 'entra.evidence.answer')).toEqual(['Access denied - FortiGate']);
    expect(evidenceOf(outcome, 'entra.evidence.contentType')).toEqual(['text/html; charset=utf-8']);
  });

  it('fails with ENTRA_AADSTS and Microsoft’s lookup page for an AADSTS number it has no diagnosis for', async () => {
    world.standin.injectFault(
      entraFault({
        status: 400,
        error: 'invalid_request',
        code: 50196,
        message: 'The server terminated an operation because it encountered a client request loop.',
      }),
    );
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_AADSTS' });
    expect(english(outcome.summary)).toBe('Entra refused the request with AADSTS50196 (invalid_request)');
    expect(outcome.remediation).toContainEqual(expect.objectContaining({ kind: 'url', target: 'https://login.microsoftonline.com/error?code=50196' }));
  });

  it('fails with ENTRA_CLIENT_REJECTED, sending nothing, when msal refuses the settings (tenant “organizations”)', async () => {
    const outcome = await entraCredentialsCheck.run(entraContext(world, entraAccount(world, world.app, { tenantId: 'organizations' })).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_CLIENT_REJECTED' });
    expect(evidenceOf(outcome, 'entra.evidence.msalError')[0]).toMatch(/^missing_tenant_id_error: /);
    expect(world.standin.requests).toEqual([]);
  });

  it('is skipped when the file gives an access token, and without a client secret', () => {
    expect(entraCredentialsCheck.appliesTo(entraAccount(world, world.app, { auth: { accessToken: secret('eyJ.given.token') } }))).toMatchObject({
      key: 'entra.notApplicable.tokenGiven',
    });
    expect(english({ key: 'entra.notApplicable.tokenGiven' })).toBe('token given in the file (auth.accessToken); acquisition not tested');
    expect(entraCredentialsCheck.appliesTo(entraAccount(world, world.app, { auth: { clientSecret: undefined } }))).toMatchObject({
      key: 'entra.notApplicable.noSecret',
    });
  });
});
