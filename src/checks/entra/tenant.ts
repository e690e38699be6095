/**
 * entra.tenant: the tenant (GUID or verified domain) through its public OpenID discovery document,
 * `GET {login}/{tenant}/v2.0/.well-known/openid-configuration` — no secret needed, so it runs first. It
 * exists (the issuer names its GUID) or Entra says AADSTS90002 (not found: a wrong ID, a domain verified in
 * no tenant, or a tenant of another cloud) / AADSTS900023 (not a tenant identifier at all). Microsoft's
 * extension fields say which cloud it lives in (`cloud_instance_name`, `tenant_region_scope`,
 * `tenant_region_sub_scope`, `msgraph_host`), and a configured `cloud` that disagrees fails with the fix.
 */
import type { Cloud } from '../../config/types.js';
import type { Office365OAuthAccount } from '../../config/types.js';
import { entraAccount } from './shared/remediation.js';
import { CLOUD_HOSTS } from '../../config/defaults.js';
import { GUID_PATTERN } from '../../config/schema.js';
import { msg } from '../../i18n/index.js';
import { parseEntraError } from '../../identity/aadsts.js';
import { lookupAadsts } from '../../providers/microsoft/aadsts.js';
import { answerSnippet, loginBase, openIdConfigurationUrl } from '../../identity/entra-client.js';
import { cloudOf, readDiscovery, type TenantDiscovery } from '../../identity/tenant-discovery.js';
import { fetchJson, type HttpResponse } from '../../probes/https/client.js';
import { isHttpError } from '../../probes/https/failure.js';
import { httpSettings } from '../shared/http-settings.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { httpFailureOutcome } from './shared/network-outcome.js';
import { TENANT_MEMO, cloudYaml, entraAnswerEvidence, office365OAuth, tenantFixes, type TenantFacts } from './shared/remediation.js';
import { errorLookupUrl } from '../../providers/microsoft/urls.js';

export { cloudOf, readDiscovery, type TenantDiscovery };

/** A configured cloud agrees with the tenant's: US Government without a sub-scope fits both usgov and usgovdod. */
function cloudFits(found: Cloud, configured: Cloud, discovery: TenantDiscovery): boolean {
  if (found === configured) return true;
  return found === 'usgov' && configured === 'usgovdod' && !discovery.regionSubScope;
}

function discoveryEvidence(account: Office365OAuthAccount, discovery: TenantDiscovery, response: HttpResponse): Evidence[] {
  const evidence: Evidence[] = [{ label: 'entra.evidence.tenant', value: account.auth.tenantId }];
  if (discovery.tenantId) evidence.push({ label: 'entra.evidence.tenantGuid', value: discovery.tenantId });
  if (discovery.cloudInstanceName) evidence.push({ label: 'entra.evidence.cloudInstance', value: discovery.cloudInstanceName });
  if (discovery.regionScope) {
    const scope = discovery.regionSubScope ? `${discovery.regionScope} / ${discovery.regionSubScope}` : discovery.regionScope;
    evidence.push({ label: 'entra.evidence.regionScope', value: scope });
  }
  if (discovery.graphHost) evidence.push({ label: 'entra.evidence.graphHost', value: discovery.graphHost });
  if (discovery.cloudGraphHostName) evidence.push({ label: 'entra.evidence.cloudGraphHost', value: discovery.cloudGraphHostName });
  evidence.push({ label: 'entra.evidence.endpoint', value: response.url });
  if (response.proxy) evidence.push({ label: 'entra.evidence.proxy', value: `${response.proxy.url} (${response.proxy.variable})` });
  evidence.push({ label: 'entra.evidence.elapsed', value: `${response.elapsedMs} ms` });
  return evidence;
}

function wrongCloud(account: Office365OAuthAccount, found: Cloud, evidence: Evidence[]): CheckOutcome {
  const tenant = account.auth.tenantId;
  const remediation: Remediation[] = [{ kind: 'text', message: msg('entra.tenant.fix.cloud', { cloud: found }), target: cloudYaml(found) }];
  // An endpoints.login override pins the old cloud's host: say what the tenant's cloud uses.
  if (loginBase(account.endpoints.login) !== CLOUD_HOSTS[account.cloud].login) {
    remediation.push({ kind: 'text', message: msg('entra.tenant.fix.endpoints', { login: CLOUD_HOSTS[found].login, graph: CLOUD_HOSTS[found].graph }) });
  }
  remediation.push({
    kind: 'text',
    message: msg('entra.tenant.fix.cloudHosts', { incoming: CLOUD_HOSTS[found].incomingHost, smtp: CLOUD_HOSTS[found].smtpHost }),
  });
  return {
    status: 'fail',
    code: 'ENTRA_TENANT_WRONG_CLOUD',
    summary: msg('entra.tenant.wrongCloud', { tenant, found, configured: account.cloud }),
    evidence: [...evidence, { label: 'entra.evidence.configuredCloud', value: account.cloud }],
    remediation,
  };
}

function fromAnswer(account: Office365OAuthAccount, response: HttpResponse): CheckOutcome {
  const tenant = account.auth.tenantId;
  const base: Evidence[] = [
    { label: 'entra.evidence.tenant', value: tenant },
    { label: 'entra.evidence.endpoint', value: response.url },
    ...(response.proxy ? [{ label: 'entra.evidence.proxy' as const, value: `${response.proxy.url} (${response.proxy.variable})` }] : []),
  ];
  const entra = parseEntraError(response.json);
  if (entra) {
    const entry = lookupAadsts(entra.aadsts);
    const evidence = [...base, ...entraAnswerEvidence(entra, response.status)];
    if (entry.code === 'ENTRA_TENANT_NOT_FOUND') {
      const summary = GUID_PATTERN.test(tenant)
        ? msg('entra.tenant.notFound', { tenant, cloud: account.cloud })
        : msg('entra.tenant.domainNotFound', { tenant, cloud: account.cloud });
      return { status: 'fail', code: entry.code, summary, evidence, remediation: tenantFixes(account, false) };
    }
    if (entry.code === 'ENTRA_TENANT_INVALID') {
      return { status: 'fail', code: entry.code, summary: msg('entra.tenant.malformed', { tenant }), evidence, remediation: tenantFixes(account, true) };
    }
    const code = response.status >= 500 ? 'ENTRA_UNAVAILABLE' : entry.code;
    return {
      status: 'fail',
      code,
      summary: msg('entra.tenant.refused', { aadsts: entra.aadsts ?? '?', meaning: entra.error ?? '' }),
      evidence,
      remediation:
        entra.aadsts !== undefined
          ? [{ kind: 'url', message: msg('entra.fix.errorLookup', { aadsts: entra.aadsts }), target: errorLookupUrl(entra.aadsts) }]
          : [],
    };
  }
  const evidence: Evidence[] = [...base, { label: 'entra.evidence.httpStatus', value: String(response.status) }];
  if (response.contentType) evidence.push({ label: 'entra.evidence.contentType', value: response.contentType });
  const snippet = answerSnippet(response.text);
  if (snippet) evidence.push({ label: 'entra.evidence.answer', value: snippet });
  if (response.status >= 500 && snippet === '') {
    return {
      status: 'fail',
      code: 'ENTRA_UNAVAILABLE',
      summary: msg('entra.unavailable', { status: response.status }),
      evidence,
      remediation: [{ kind: 'text', message: msg('entra.fix.retryLater') }],
    };
  }
  return {
    status: 'fail',
    code: 'ENTRA_UNEXPECTED_ANSWER',
    summary: msg('entra.unexpectedAnswer', { host: new URL(response.url).host, status: response.status }),
    evidence,
    remediation: [{ kind: 'text', message: msg('entra.fix.unexpectedAnswer', { host: new URL(response.url).host }) }],
  };
}

export const entraTenantCheck = defineCheck({
  id: 'entra.tenant',
  area: 'entra',
  title: 'entra.tenant.title',
  needs: ['network'],
  steps: 1,
  appliesTo: (account) => {
    const base = office365OAuth(account);
    if (base !== true) return base;
    return account.auth.tenantId ? true : msg('entra.notApplicable.noIds');
  },
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const tenant = account.auth.tenantId;
    let response: HttpResponse;
    try {
      response = await fetchJson(openIdConfigurationUrl(account.endpoints.login, tenant), { method: 'GET' }, httpSettings(context));
    } catch (error) {
      if (!isHttpError(error)) throw error;
      return httpFailureOutcome(error, account, context.options.stepTimeoutMs, [{ label: 'entra.evidence.tenant', value: tenant }]);
    }
    const discovery = response.status === 200 ? readDiscovery(response.json) : undefined;
    if (!discovery) return fromAnswer(account, response);

    const found = cloudOf(discovery);
    const facts: TenantFacts = { ...(discovery.tenantId ? { tenantId: discovery.tenantId } : {}), ...(found ? { cloud: found } : {}) };
    context.shared.set(TENANT_MEMO, facts);
    const evidence = discoveryEvidence(account, discovery, response);
    if (found && !cloudFits(found, account.cloud, discovery)) return wrongCloud(account, found, evidence);

    const guid = discovery.tenantId ?? '?';
    const summary = GUID_PATTERN.test(tenant)
      ? msg('entra.tenant.pass', { tenant: guid, cloud: found ?? account.cloud })
      : msg('entra.tenant.passDomain', { domain: tenant, tenant: guid, cloud: found ?? account.cloud });
    // Without cloud fields (an unknown cloud) the tenant exists; the configured cloud is shown as is.
    return { status: 'pass', summary, evidence: found ? evidence : [...evidence, { label: 'entra.evidence.configuredCloud', value: account.cloud }] };
  },
});
