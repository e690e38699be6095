/**
 * dns.mx's judgement of a domain's MX records against the configured provider, without any network: the
 * records are sorted by preference (RFC 5321 §5.1: the lowest value is tried first, so it decides who
 * receives the mail), each host is classified (providers/mail-exchangers.ts), and the first one says who
 * receives the domain's mail.
 */
import type { MxRecord } from 'node:dns';
import type { Account, Cloud } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import { classifyExchanger, printableHost, type MailExchanger } from '../../../providers/mail-exchangers.js';
import type { CheckOutcome, Evidence, Remediation } from '../../../core/check.js';

/** `10 contoso-com.mail.protection.outlook.com`, as `nslookup -type=mx` shows it. */
export function describeMx(record: MxRecord): string {
  return `${record.priority} ${record.exchange === '' ? '.' : printableHost(record.exchange)}`;
}

/**
 * How many records a report lists. A domain's DNS may answer with thousands (a TCP answer holds 64 KiB):
 * the first ones decide who receives the mail, the rest would only bury the report.
 */
export const MAX_LISTED = 10;

/** RFC 7505: a single MX record of preference 0 whose exchange is the root (`0 .`): the domain accepts no mail. */
export function isNullMx(records: readonly MxRecord[]): boolean {
  return records.length === 1 && records[0]!.priority === 0 && (records[0]!.exchange === '' || records[0]!.exchange === '.');
}

function ownerText(owner: MailExchanger): string {
  if (owner.kind === 'microsoft') return owner.cloud === 'global' ? 'Microsoft 365 (Exchange Online)' : `Microsoft 365 (Exchange Online, ${owner.cloud})`;
  if (owner.kind === 'google') return 'Google (Gmail / Google Workspace)';
  if (owner.kind === 'gateway') return `${owner.vendor} (security gateway)`;
  return 'other';
}

export interface MxJudgement {
  readonly outcome: CheckOutcome;
  /** The owner of the preferred MX host, for the caller's further checks. */
  readonly owner: MailExchanger;
}

/** Judges the MX records (at least one, not a null MX) of `domain` for this account. */
export function judgeMx(account: Account, domain: string, records: readonly MxRecord[], evidence: readonly Evidence[]): MxJudgement {
  const sorted = [...records].sort((a, b) => a.priority - b.priority);
  const primary = sorted[0]!;
  const host = printableHost(primary.exchange);
  const owner = classifyExchanger(host);
  const all: Evidence[] = [
    ...evidence,
    ...sorted.slice(0, MAX_LISTED).map((record) => ({ label: 'dns.mx.evidence.record', value: describeMx(record) }) as const),
    ...(sorted.length > MAX_LISTED ? [{ label: 'dns.mx.evidence.notListed', value: String(sorted.length - MAX_LISTED) } as const] : []),
    { label: 'dns.mx.evidence.owner', value: ownerText(owner) },
  ];
  const nslookup: Remediation = { kind: 'command', message: msg('dns.mx.fix.nslookup'), target: `nslookup -type=mx ${domain}` };
  const warn = (code: string, summary: CheckOutcome['summary'], remediation: Remediation[]): MxJudgement => ({
    owner,
    outcome: { status: 'warn', code, summary, evidence: all, remediation: [...remediation, nslookup] },
  });
  const pass = (summary: CheckOutcome['summary']): MxJudgement => ({ owner, outcome: { status: 'pass', summary, evidence: all } });

  if (owner.kind === 'gateway') return pass(msg('dns.mx.pass.gateway', { domain, host, vendor: owner.vendor }));

  if (account.provider === 'office365') {
    if (owner.kind === 'microsoft') {
      if (!cloudAgrees(owner.cloud, account.cloud)) {
        return warn('DNS_MX_OTHER_CLOUD', msg('dns.mx.otherCloud', { domain, host, found: owner.cloud, configured: account.cloud }), [
          { kind: 'text', message: msg('dns.mx.fix.otherCloud', { found: owner.cloud }), target: `cloud: ${owner.cloud}` },
        ]);
      }
      return pass(msg('dns.mx.pass.provider', { domain, host, owner: ownerText(owner) }));
    }
    if (owner.kind === 'google') {
      return warn('DNS_MX_GOOGLE', msg('dns.mx.office365.google', { domain, host, mailbox: account.mailbox }), [
        { kind: 'text', message: msg('dns.mx.fix.office365.google', { domain }) },
      ]);
    }
    return warn('DNS_MX_ON_PREMISES', msg('dns.mx.office365.other', { domain, host }), [
      { kind: 'text', message: msg('dns.mx.fix.office365.hybrid', { mailbox: account.mailbox }) },
    ]);
  }
  if (account.provider === 'gmail') {
    if (owner.kind === 'google') return pass(msg('dns.mx.pass.provider', { domain, host, owner: ownerText(owner) }));
    if (owner.kind === 'microsoft') {
      return warn('DNS_MX_MICROSOFT', msg('dns.mx.gmail.microsoft', { domain, host, mailbox: account.mailbox }), [
        { kind: 'text', message: msg('dns.mx.fix.gmail.microsoft'), target: 'provider: office365' },
      ]);
    }
    return warn('DNS_MX_ELSEWHERE', msg('dns.mx.gmail.other', { domain, host }), [{ kind: 'text', message: msg('dns.mx.fix.gmail.other', { domain }) }]);
  }
  // Any other IMAP provider: Microsoft's or Google's MX means the mailbox is there, with its own checks.
  if (owner.kind === 'microsoft') {
    return warn('DNS_MX_MICROSOFT', msg('dns.mx.imap.microsoft', { domain, host }), [
      { kind: 'text', message: msg('dns.mx.fix.imap.provider'), target: 'provider: office365' },
    ]);
  }
  if (owner.kind === 'google') {
    return warn('DNS_MX_GOOGLE', msg('dns.mx.imap.google', { domain, host }), [
      { kind: 'text', message: msg('dns.mx.fix.imap.provider'), target: 'provider: gmail' },
    ]);
  }
  return pass(msg('dns.mx.pass.other', { domain, host }));
}

/** US Government MX hosts serve both GCC High and DoD tenants. */
function cloudAgrees(found: Cloud, configured: Cloud): boolean {
  return found === configured || (found === 'usgov' && configured === 'usgovdod');
}
