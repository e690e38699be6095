/**
 * entra.tenant against the Entra stand-in: the OpenID discovery document of a tenant by GUID and by
 * domain, AADSTS90002 for an unknown tenant (GUID or domain) and 900023 for a malformed one, and the
 * cloud the tenant lives in compared with the configured one.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { entraTenantCheck } from '../../../src/checks/entra/tenant.js';
import { TENANT_MEMO, type TenantFacts } from '../../../src/checks/entra/shared/remediation.js';
import { CLOUDS, createTenant } from '../../../standins/entra-standin/index.js';
import { makeAccount } from '../../support/check-context.js';
import { english, entraAccount, entraContext, evidenceOf, fixesText, startWorld, type EntraWorld } from './entra-world.js';

let world: EntraWorld;

beforeAll(async () => {
  world = await startWorld();
  world.standin.directory.tenants.push(
    createTenant({ displayName: 'Agency', domains: ['agency.onmicrosoft.us'], cloud: CLOUDS.usgov }),
    createTenant({ displayName: 'Gcc', domains: ['gcc.onmicrosoft.com'], cloud: CLOUDS.gcc }),
    createTenant({ displayName: 'Army', domains: ['army.onmicrosoft.us'], cloud: CLOUDS.usgovdod }),
  );
});

afterAll(async () => {
  expect(world.standin.unexpected).toEqual([]);
  await world.close();
});

describe('entra.tenant', () => {
  it('passes for a tenant GUID, names its cloud, and asks only the discovery document (no secret sent)', async () => {
    world.standin.resetLog();
    const account = entraAccount(world, world.app);
    const { context, resolver } = entraContext(world, account);
    const outcome = await entraTenantCheck.run(context);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(`tenant ${world.contoso.id} exists in the global cloud`);
    expect(evidenceOf(outcome, 'entra.evidence.tenantGuid')).toEqual([world.contoso.id]);
    expect(evidenceOf(outcome, 'entra.evidence.cloudInstance')).toEqual(['microsoftonline.com']);
    expect(evidenceOf(outcome, 'entra.evidence.graphHost')).toEqual(['graph.microsoft.com']);
    expect(world.standin.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /${world.contoso.id}/v2.0/.well-known/openid-configuration`,
    ]);
    expect(world.standin.requests[0]?.secretPresented).toBeUndefined();
    expect(resolver.unexpected).toEqual([]);
    expect(context.shared.get<TenantFacts>(TENANT_MEMO)).toEqual({ tenantId: world.contoso.id, cloud: 'global' });
  });

  it('resolves a verified domain to the tenant GUID (for the PowerShell lines later)', async () => {
    const account = entraAccount(world, world.app, { tenantId: 'contoso.com.br' });
    const { context } = entraContext(world, account);
    const outcome = await entraTenantCheck.run(context);
    expect(outcome.status).toBe('pass');
    expect(english(outcome.summary)).toBe(`the domain contoso.com.br belongs to tenant ${world.contoso.id}, in the global cloud`);
    expect(evidenceOf(outcome, 'entra.evidence.tenantGuid')).toEqual([world.contoso.id]);
    expect(context.shared.get<TenantFacts>(TENANT_MEMO)?.tenantId).toBe(world.contoso.id);
  });

  it('fails with ENTRA_TENANT_NOT_FOUND (AADSTS90002) for an unknown GUID, with where to copy the Tenant ID', async () => {
    const unknown = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const outcome = await entraTenantCheck.run(entraContext(world, entraAccount(world, world.app, { tenantId: unknown })).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_TENANT_NOT_FOUND' });
    expect(english(outcome.summary)).toContain(`Entra does not know the tenant ${unknown} in the global cloud (AADSTS90002)`);
    expect(evidenceOf(outcome, 'entra.evidence.aadsts')).toEqual(['AADSTS90002']);
    expect(evidenceOf(outcome, 'entra.evidence.oauthError')).toEqual(['invalid_tenant (HTTP 400)']);
    expect(evidenceOf(outcome, 'entra.evidence.entraMessage')[0]).toMatch(/^AADSTS90002: Tenant '0f0e0d0c-.*' not found\./);
    expect(evidenceOf(outcome, 'entra.evidence.correlationId')[0]).toMatch(/^[0-9a-f-]{36}$/);
    const fixes = fixesText(outcome);
    expect(fixes[0]).toContain('Entra admin center › Overview › copy the Tenant ID');
    expect(fixes.some((fix) => fix.includes('cloud: usgov') && fix.includes('cloud: china'))).toBe(true);
  });

  it('says a domain is verified in no tenant when the tenant was given by a domain', async () => {
    const outcome = await entraTenantCheck.run(entraContext(world, entraAccount(world, world.app, { tenantId: 'contoso-typo.com.br' })).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_TENANT_NOT_FOUND' });
    expect(english(outcome.summary)).toBe(
      'no tenant of the global cloud has verified the domain contoso-typo.com.br (AADSTS90002): a typo, a domain not verified in Entra, or a tenant of another cloud',
    );
    expect(fixesText(outcome).some((fix) => fix.includes('contoso-typo.com.br must be a domain verified in the tenant'))).toBe(true);
  });

  it('fails with ENTRA_TENANT_INVALID (AADSTS900023) for something that is not a tenant identifier', async () => {
    const outcome = await entraTenantCheck.run(entraContext(world, entraAccount(world, world.app, { tenantId: 'contoso_tenant' })).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_TENANT_INVALID' });
    expect(evidenceOf(outcome, 'entra.evidence.aadsts')).toEqual(['AADSTS900023']);
    expect(fixesText(outcome).some((fix) => fix.includes('auth.tenantId holds contoso_tenant'))).toBe(true);
  });

  it('fails with ENTRA_TENANT_WRONG_CLOUD for a US Government tenant configured as global, with the cloud: line', async () => {
    const outcome = await entraTenantCheck.run(entraContext(world, entraAccount(world, world.app, { tenantId: 'agency.onmicrosoft.us' })).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_TENANT_WRONG_CLOUD' });
    expect(english(outcome.summary)).toContain('lives in the usgov cloud, but the file says cloud: global');
    expect(evidenceOf(outcome, 'entra.evidence.cloudInstance')).toEqual(['microsoftonline.us']);
    expect(evidenceOf(outcome, 'entra.evidence.regionScope')).toEqual(['USGov / DODCON']);
    const fixes = outcome.remediation ?? [];
    expect(fixes[0]?.target).toBe('cloud: usgov');
    // endpoints.login points at the stand-in (an override): say what the tenant's cloud uses.
    expect(fixesText(outcome).some((fix) => fix.includes('https://login.microsoftonline.us') && fix.includes('https://graph.microsoft.us'))).toBe(true);
    expect(fixesText(outcome).some((fix) => fix.includes('outlook.office365.us') && fix.includes('smtp.office365.us'))).toBe(true);
  });

  it('names DoD apart from GCC High by the region sub-scope', async () => {
    const account = entraAccount(world, world.app, { tenantId: 'army.onmicrosoft.us', cloud: 'usgov' });
    const outcome = await entraTenantCheck.run(entraContext(world, account).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'ENTRA_TENANT_WRONG_CLOUD' });
    expect(outcome.remediation?.[0]?.target).toBe('cloud: usgovdod');
  });

  it('passes a GCC (moderate) tenant configured as global: GCC uses the commercial endpoints', async () => {
    const outcome = await entraTenantCheck.run(entraContext(world, entraAccount(world, world.app, { tenantId: 'gcc.onmicrosoft.com' })).context);
    expect(outcome.status).toBe('pass');
    expect(evidenceOf(outcome, 'entra.evidence.regionScope')).toEqual(['NA / GCC']);
  });

  it('fails with TLS_CERT_UNTRUSTED and the certificate’s issuer when tls.caFile does not hold the root (TLS inspection)', async () => {
    const outcome = await entraTenantCheck.run(entraContext(world, entraAccount(world, world.app), { extraCa: [] }).context);
    expect(outcome).toMatchObject({ status: 'fail', code: 'TLS_CERT_UNTRUSTED' });
    expect(english(outcome.summary)).toContain('was issued by “Tactium Preflight Test CA, tactium-preflight tests”');
    expect(evidenceOf(outcome, 'entra.evidence.networkError')).toEqual(['TLS_CERT_UNTRUSTED (UNABLE_TO_VERIFY_LEAF_SIGNATURE)']);
    expect(fixesText(outcome).some((fix) => fix.includes('tls:\n  caFile: ./corporate-root.pem'))).toBe(true);
  });

  it('does not apply to other providers or password accounts', () => {
    expect(entraTenantCheck.appliesTo(makeAccount({ provider: 'gmail' }))).toMatchObject({ key: 'entra.notApplicable.notOffice365' });
    expect(entraTenantCheck.appliesTo(makeAccount({ provider: 'office365' }))).toMatchObject({ key: 'entra.notApplicable.notOAuth' });
  });
});
