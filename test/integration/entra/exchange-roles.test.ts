/**
 * entra.exchange-roles against the stand-in's real tokens (RS256 JWTs whose `roles` follow the app-role
 * assignments admin consent created): all roles, some missing, none at all (RBAC for Applications or no
 * consent), EWS's full_access_as_app only, a POP3 account, a token for another audience, an opaque token,
 * and the expiry / clock-skew evidence.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { entraExchangeRolesCheck } from '../../../src/checks/entra/exchange-roles.js';
import { signJwt, appTokenClaims } from '../../../standins/entra-standin/tokens.js';
import { english, entraAccount, entraContext, evidenceOf, fixesText, startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;

beforeAll(async () => {
  world = await startWorld();
});

beforeEach(() => {
  world.standin.resetLog();
  world.standin.clearFaults();
  world.standin.clockSkewSeconds = 0;
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

describe('entra.exchange-roles', () => {
  it('passes when the token carries IMAP.AccessAsApp and SMTP.SendAsApp, with audience, tenant, client and expiry as evidence', async () => {
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe('the token carries IMAP.AccessAsApp, SMTP.SendAsApp');
    expect(evidenceOf(outcome, 'entra.evidence.audience')).toEqual(['https://outlook.office365.com']);
    expect(evidenceOf(outcome, 'entra.evidence.tokenTenant')).toEqual([world.contoso.id]);
    expect(evidenceOf(outcome, 'entra.evidence.tokenClient')).toEqual([world.app.application.appId]);
    expect(evidenceOf(outcome, 'entra.evidence.roles')).toEqual(['IMAP.AccessAsApp, POP.AccessAsApp, SMTP.SendAsApp']);
    expect(evidenceOf(outcome, 'entra.evidence.tokenExpires')[0]).toMatch(/^\d{4}-\d\d-\d\dT.*Z \((59|60) min\)$/);
    expect(evidenceOf(outcome, 'entra.evidence.clockSkew')[0]).toMatch(/^[+-][01] s$/);
  });

  it('shows how far Entra’s clock is from this machine’s', async () => {
    world.standin.clockSkewSeconds = 420;
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(evidenceOf(outcome, 'entra.evidence.clockSkew')[0]).toMatch(/^\+4(19|20|21) s$/);
  });

  it('needs POP.AccessAsApp, not IMAP, for a POP3 account', async () => {
    const popOnly = world.register(world.contoso, { roles: ['POP.AccessAsApp', 'SMTP.SendAsApp'] });
    const account = entraAccount(world, popOnly, { incoming: { protocol: 'pop3', host: 'outlook.office365.com', port: 995, security: 'tls' } });
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, account).context);
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.neededRoles')).toEqual(['POP.AccessAsApp, SMTP.SendAsApp']);
  });

  it('fails with ENTRA_ROLES_MISSING naming the permission to add and the admin-consent URL for this tenant and client', async () => {
    const imapOnly = world.register(world.contoso, { roles: ['IMAP.AccessAsApp'] });
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, imapOnly)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ROLES_MISSING' });
    expect(english(outcome.summary)).toContain('the token lacks SMTP.SendAsApp (it carries IMAP.AccessAsApp)');
    const fixes = fixesText(outcome);
    expect(fixes[0]).toContain(
      `App registrations › ${imapOnly.application.appId} › API permissions › Add a permission › APIs my organization uses › Office 365 Exchange Online › Application permissions › tick SMTP.SendAsApp › Add permissions`,
    );
    expect(outcome.remediation).toContainEqual(
      expect.objectContaining({ kind: 'url', target: `${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${imapOnly.application.appId}` }),
    );
  });

  it('warns with ENTRA_ROLES_NONE when the token has no roles claim, with both fixes (consent, or RBAC for Applications)', async () => {
    const none = world.register(world.contoso, { roles: [] });
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, none)).context);
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_ROLES_NONE' });
    expect(evidenceOf(outcome, 'entra.evidence.roles')).toEqual(['(no roles claim)']);
    const targets = (outcome.remediation ?? []).map((step) => step.target ?? '');
    expect(targets).toContainEqual(`${world.standin.url()}/${world.contoso.id}/adminconsent?client_id=${none.application.appId}`);
    expect(targets).toContainEqual(`Connect-ExchangeOnline -Organization ${world.contoso.id}`);
    // The scope is written out for this mailbox: nothing left for the administrator to fill in.
    expect(targets).toContainEqual(
      `New-ManagementScope -Name "Tactium CRM atendimento@contoso.com.br" -RecipientRestrictionFilter "PrimarySmtpAddress -eq 'atendimento@contoso.com.br'"`,
    );
    expect(targets).toContainEqual(
      `New-ManagementRoleAssignment -App ${none.application.appId} -Role "Application SMTP.SendAsApp" -CustomResourceScope "Tactium CRM atendimento@contoso.com.br"`,
    );
  });

  it('fails with ENTRA_ROLES_EWS_ONLY when only full_access_as_app was granted', async () => {
    const ews = world.register(world.contoso, { roles: ['full_access_as_app'] });
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, ews)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_ROLES_EWS_ONLY' });
    expect(english(outcome.summary)).toBe(
      'the token carries only full_access_as_app, which is for EWS, not IMAP, POP or SMTP; needed: IMAP.AccessAsApp, SMTP.SendAsApp',
    );
  });

  it('fails with ENTRA_TOKEN_AUDIENCE for a token that is not for Exchange Online', async () => {
    const graphToken = signJwt(
      appTokenClaims({
        tenantId: world.contoso.id,
        appId: world.app.application.appId,
        appDisplayName: 'Tactium CRM',
        servicePrincipalId: world.app.servicePrincipal.id,
        audience: 'https://graph.microsoft.com',
        roles: ['Mail.Read'],
        lifetimeSeconds: 3599,
        clockSkewSeconds: 0,
      }),
    );
    world.standin.injectFault({
      method: 'POST',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: graphToken }),
    });
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_TOKEN_AUDIENCE' });
    expect(english(outcome.summary)).toBe('the token is not for Exchange Online (aud: https://graph.microsoft.com)');
  });

  it('fails with ENTRA_TOKEN_TENANT_MISMATCH and ENTRA_TOKEN_CLIENT_MISMATCH for a token of another tenant or client', async () => {
    const claims = {
      appDisplayName: 'Tactium CRM',
      servicePrincipalId: world.app.servicePrincipal.id,
      audience: 'https://outlook.office365.com',
      roles: ['IMAP.AccessAsApp', 'SMTP.SendAsApp'],
      lifetimeSeconds: 3599,
      clockSkewSeconds: 0,
    };
    const answer = (token: string) => ({
      method: 'POST',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: token }),
    });
    world.standin.injectFault(answer(signJwt(appTokenClaims({ ...claims, tenantId: world.fabrikam.id, appId: world.app.application.appId }))));
    const otherTenant = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(otherTenant).toMatchObject({ status: 'fail', code: 'ENTRA_TOKEN_TENANT_MISMATCH' });
    expect(english(otherTenant.summary)).toBe(`the token comes from tenant ${world.fabrikam.id}, not from the configured tenant ${world.contoso.id}`);
    world.standin.injectFault(answer(signJwt(appTokenClaims({ ...claims, tenantId: world.contoso.id, appId: '12345678-1234-4234-8234-123456789012' }))));
    const otherClient = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(otherClient).toMatchObject({ status: 'fail', code: 'ENTRA_TOKEN_CLIENT_MISMATCH' });
  });

  it('is skipped with TOKEN_OPAQUE when the token is not a JWT', async () => {
    world.standin.injectFault({
      method: 'POST',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: 'EwBwA8l6BAAUopaque-consumer-token' }),
    });
    const outcome = await entraExchangeRolesCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome).toMatchObject({ status: 'skip', code: 'TOKEN_OPAQUE' });
  });

  it('reuses the token entra.credentials got: one POST for both checks', async () => {
    const { context } = entraContext(world, entraAccount(world, world.app));
    const { entraCredentialsCheck } = await import('../../../src/checks/entra/credentials.js');
    expect((await entraCredentialsCheck.run(context)).status).toBe('pass');
    expect((await entraExchangeRolesCheck.run(context)).status).toBe('pass');
    expect(world.standin.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('applies to the application flow only', () => {
    expect(entraExchangeRolesCheck.appliesTo(entraAccount(world, world.app, { auth: { flow: 'delegated' } }))).toMatchObject({
      key: 'entra.notApplicable.notApplicationFlow',
    });
  });
});
