/**
 * dns.mx: the mailbox domain's MX records (real DNS queries, at `endpoints.dns` when set) say who receives
 * its mail; it should be the configured provider, or a security gateway in front of it. A null MX
 * (RFC 7505), a domain without MX (RFC 5321 §5.1: then its own address receives), NXDOMAIN and a DNS
 * timeout are told apart. For Office 365 the domain's public OpenID discovery document says which tenant
 * the domain is verified in: another tenant than the file's is named (no secret, no administrator).
 */
import type { MxRecord } from 'node:dns';
import { GUID_PATTERN } from '../../config/schema.js';
import { msg } from '../../i18n/index.js';
import { lookupTenant, type DiscoveryLookup } from '../../identity/tenant-discovery.js';
import { queryAddresses, queryMx, type RecordFailure, type RecordQuery } from '../../probes/dns-records.js';
import { httpSettings } from '../shared/http-settings.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { isNullMx, judgeMx, MAX_LISTED } from './shared/mx-verdict.js';
import { mailboxDomain } from '../../config/mailbox-domain.js';

const FAILURE_CODES: Readonly<Record<RecordFailure, string>> = {
  NXDOMAIN: 'DNS_MX_DOMAIN_NOT_FOUND',
  NODATA: 'DNS_MX_NONE',
  TIMEOUT: 'DNS_MX_TIMEOUT',
  SERVER_FAILURE: 'DNS_MX_SERVER_FAILURE',
  NO_NETWORK: 'DNS_MX_NO_NETWORK',
  FAILED: 'DNS_MX_LOOKUP_FAILED',
};

export const dnsMxCheck = defineCheck({
  id: 'dns.mx',
  area: 'dns',
  title: 'dns.mx.title',
  needs: ['network'],
  // MX, then the domain's address when there is no MX, then up to two discovery documents (Office 365).
  steps: 4,
  appliesTo: (account) => (mailboxDomain(account.mailbox) ? true : msg('dns.mx.notApplicable.noDomain')),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const { account } = context;
    const domain = mailboxDomain(account.mailbox)!;
    const query: RecordQuery = {
      ...(account.endpoints.dns ? { server: account.endpoints.dns } : {}),
      timeoutMs: context.options.stepTimeoutMs,
      signal: context.signal,
    };
    const answer = await queryMx(domain, query);
    const evidence: Evidence[] = [
      { label: 'dns.mx.evidence.domain', value: domain },
      { label: 'dns.evidence.resolver', value: answer.server },
      { label: 'dns.evidence.duration', value: `${answer.elapsedMs} ms` },
    ];
    const nslookup: Remediation = { kind: 'command', message: msg('dns.mx.fix.nslookup'), target: `nslookup -type=mx ${domain}` };

    if (!answer.ok || answer.records.length === 0) {
      const failure: RecordFailure = answer.ok ? 'NODATA' : answer.failure;
      if (!answer.ok) evidence.push({ label: 'dns.evidence.error', value: answer.nodeCode });
      if (failure === 'NODATA') return noMx(context, domain, query, evidence, nslookup);
      if (failure === 'NXDOMAIN') {
        return {
          status: 'fail',
          code: FAILURE_CODES.NXDOMAIN,
          summary: msg('dns.mx.domainNotFound', { domain, mailbox: account.mailbox }),
          evidence,
          remediation: [{ kind: 'text', message: msg('dns.mx.fix.domainNotFound') }, nslookup],
        };
      }
      const seconds = String(Math.round(context.options.stepTimeoutMs / 100) / 10);
      return {
        status: 'warn',
        code: FAILURE_CODES[failure],
        summary:
          failure === 'TIMEOUT' ? msg('dns.mx.timeout', { domain, seconds }) : msg('dns.mx.failed', { domain, error: answer.ok ? 'ENODATA' : answer.nodeCode }),
        evidence,
        remediation: [{ kind: 'text', message: msg('dns.fix.timeout') }, nslookup],
      };
    }

    if (isNullMx(answer.records)) {
      return {
        status: 'fail',
        code: 'DNS_MX_NULL',
        summary: msg('dns.mx.null', { domain }),
        evidence: [...evidence, { label: 'dns.mx.evidence.record', value: '0 .' }],
        remediation: [{ kind: 'text', message: msg('dns.mx.fix.null', { domain }) }, nslookup],
      };
    }

    const { outcome } = judgeMx(account, domain, answer.records as MxRecord[], evidence);
    if (account.provider !== 'office365') return outcome;
    return withTenant(context, domain, outcome);
  },
});

/** No MX: the domain's own address receives its mail (RFC 5321 §5.1 implicit MX), or nothing does. */
async function noMx(context: CheckContext, domain: string, query: RecordQuery, evidence: Evidence[], nslookup: Remediation): Promise<CheckOutcome> {
  const addresses = await queryAddresses(domain, query);
  if (addresses.ok && addresses.records.length > 0) {
    const listed = addresses.records.slice(0, MAX_LISTED);
    const notListed = addresses.records.length - listed.length;
    return {
      status: 'warn',
      code: 'DNS_MX_IMPLICIT',
      summary: msg('dns.mx.implicit', { domain, addresses: `${listed.join(', ')}${notListed > 0 ? ', …' : ''}` }),
      evidence: [
        ...evidence,
        ...listed.map((value) => ({ label: 'dns.mx.evidence.address', value }) as const),
        ...(notListed > 0 ? [{ label: 'dns.mx.evidence.notListed', value: String(notListed) } as const] : []),
      ],
      remediation: [{ kind: 'text', message: msg('dns.mx.fix.implicit', { domain }) }, nslookup],
    };
  }
  return {
    status: 'fail',
    code: FAILURE_CODES.NODATA,
    summary: msg('dns.mx.none', { domain }),
    evidence,
    remediation: [{ kind: 'text', message: msg('dns.mx.fix.none', { domain }) }, nslookup],
  };
}

/**
 * Office 365: the tenant the mailbox domain is verified in (its discovery document) against the file's
 * `tenantId`. Only a clear disagreement changes the outcome; an unreachable endpoint is left to entra.tenant.
 */
async function withTenant(context: CheckContext, domain: string, outcome: CheckOutcome): Promise<CheckOutcome> {
  const { account } = context;
  const configured = account.auth.tenantId?.toLowerCase();
  if (!configured || configured === domain) return outcome;
  const settings = httpSettings(context);
  const ofDomain = await lookupTenant(account.endpoints.login, domain, settings);
  const evidence: Evidence[] = [...(outcome.evidence ?? []), tenantEvidence(domain, ofDomain)];
  if (ofDomain.kind !== 'found') return { ...outcome, evidence };
  const domainTenant = ofDomain.discovery.tenantId!;
  let configuredTenant: string | undefined = GUID_PATTERN.test(configured) ? configured : undefined;
  if (!configuredTenant) {
    const ofConfigured = await lookupTenant(account.endpoints.login, configured, settings);
    evidence.push(tenantEvidence(configured, ofConfigured));
    configuredTenant = ofConfigured.kind === 'found' ? ofConfigured.discovery.tenantId : undefined;
  }
  if (!configuredTenant || configuredTenant === domainTenant) return { ...outcome, evidence };
  const summary = msg('dns.mx.otherTenant', { domain, found: domainTenant, configured: account.auth.tenantId ?? '' });
  const remediation: Remediation[] = [{ kind: 'text', message: msg('dns.mx.fix.otherTenant', { domain }), target: `tenantId: ${domainTenant}` }];
  if (outcome.status === 'pass') return { status: 'warn', code: 'DNS_MX_OTHER_TENANT', summary, evidence, remediation };
  // The MX finding stays the headline; the tenant finding is one more fix.
  return { ...outcome, evidence, remediation: [...(outcome.remediation ?? []), ...remediation] };
}

function tenantEvidence(name: string, lookup: DiscoveryLookup): Evidence {
  const value =
    lookup.kind === 'found'
      ? `${name} → ${lookup.discovery.tenantId}`
      : lookup.kind === 'notFound'
        ? `${name} → ${lookup.aadsts !== undefined ? `AADSTS${lookup.aadsts}` : `HTTP ${lookup.status}`}`
        : `${name} → ${lookup.code}`;
  return { label: 'dns.mx.evidence.tenant', value };
}
