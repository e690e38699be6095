/**
 * entra.object-id: the configured Object ID against the app-only token's `oid` (the enterprise
 * application's Object ID in the tenant), with the New-ServicePrincipal line carrying the real values.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_REGISTRATION_OBJECT_ID_MEMO, entraObjectIdCheck } from '../../../src/checks/entra/object-id.js';
import { entraTenantCheck } from '../../../src/checks/entra/tenant.js';
import { english, entraAccount, entraContext, evidenceOf, fixesText, startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

describe('entra.object-id', () => {
  it('passes when the Object ID sent is the enterprise application’s', async () => {
    const outcome = await entraObjectIdCheck.run(entraContext(world, entraAccount(world, world.app)).context);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(`${world.app.servicePrincipal.id} is the enterprise application’s Object ID, the one New-ServicePrincipal needs`);
    expect(evidenceOf(outcome, 'entra.evidence.tokenObjectId')).toEqual([world.app.servicePrincipal.id]);
  });

  it('fails with ENTRA_OBJECT_ID_MISMATCH for the App registrations Object ID, with the New-ServicePrincipal line holding the real values', async () => {
    const sent = world.app.application.id; // the App registrations "Object ID"
    const account = entraAccount(world, world.app, { auth: { objectId: sent } });
    const outcome = await entraObjectIdCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_OBJECT_ID_MISMATCH' });
    expect(english(outcome.summary)).toBe(
      `the Object ID sent (${sent}) is not the enterprise application’s; most likely it is the Object ID from App registrations, which Exchange does not accept`,
    );
    expect(evidenceOf(outcome, 'entra.evidence.objectId')).toEqual([sent]);
    const targets = (outcome.remediation ?? []).map((step) => step.target);
    expect(targets).toContain(
      `New-ServicePrincipal -AppId ${world.app.application.appId} -ObjectId ${world.app.servicePrincipal.id} -DisplayName "Tactium CRM"`,
    );
    expect(targets).toContain(`Connect-ExchangeOnline -Organization ${world.contoso.id}`);
    expect(targets).toContain(`objectId: ${world.app.servicePrincipal.id}`);
    const fixes = fixesText(outcome);
    expect(fixes[0]).toContain('Two pages show an “Object ID”');
    expect(fixes).toContainEqual(
      expect.stringContaining(
        `Enterprise applications › All applications (clear the “Application type” filter if it is not listed) › the app ${world.app.application.appId} › Overview › Object ID: ${world.app.servicePrincipal.id}`,
      ),
    );
  });

  it('says it with certainty when a directory check left the app registration’s Object ID', async () => {
    const sent = world.app.application.id;
    const { context } = entraContext(world, entraAccount(world, world.app, { auth: { objectId: sent } }));
    context.shared.set(APP_REGISTRATION_OBJECT_ID_MEMO, world.app.application.id);
    const outcome = await entraObjectIdCheck.run(context);
    expect(english(outcome.summary)).toBe(`the Object ID sent (${sent}) is the App registrations Object ID; Exchange needs the enterprise application’s`);
    expect(evidenceOf(outcome, 'entra.evidence.appRegistrationObjectId')).toEqual([world.app.application.id]);
  });

  it('names the Application (client) ID when that was sent as the Object ID', async () => {
    const account = entraAccount(world, world.app, { auth: { objectId: world.app.application.appId } });
    const outcome = await entraObjectIdCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_OBJECT_ID_MISMATCH' });
    expect(english(outcome.summary)).toBe(`the Object ID sent (${world.app.application.appId}) is the Application (client) ID, not an Object ID`);
  });

  it('uses the tenant GUID entra.tenant resolved from a domain in the PowerShell line', async () => {
    const account = entraAccount(world, world.app, { tenantId: 'contoso.com.br', auth: { objectId: world.app.application.id } });
    const { context } = entraContext(world, account);
    expect((await entraTenantCheck.run(context)).status).toBe('pass');
    const outcome = await entraObjectIdCheck.run(context);
    expect((outcome.remediation ?? []).map((step) => step.target)).toContain(`Connect-ExchangeOnline -Organization ${world.contoso.id}`);
  });

  it('warns with ENTRA_OBJECT_ID_NOT_GIVEN and prints the Object ID from the token when none was configured', async () => {
    const account = entraAccount(world, world.app, { auth: { objectId: undefined } });
    const outcome = await entraObjectIdCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'warn', code: 'ENTRA_OBJECT_ID_NOT_GIVEN' });
    expect(english(outcome.summary)).toBe(
      `the Object ID was not given (auth.objectId); the enterprise application’s Object ID in this tenant is ${world.app.servicePrincipal.id}`,
    );
    expect((outcome.remediation ?? []).map((step) => step.target)).toContain(
      `New-ServicePrincipal -AppId ${world.app.application.appId} -ObjectId ${world.app.servicePrincipal.id} -DisplayName "Tactium CRM"`,
    );
  });
});
