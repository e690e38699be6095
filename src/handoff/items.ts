import { gmailHandoffItems } from '../checks/gmail/shared/handoff.js';
import type { Status } from '../core/check.js';
import type { Account, PreflightConfig, Provider, Security } from '../config/types.js';
import { checkTitleKey, msg, type Translator } from '../i18n/index.js';
import type { Message, MessageKey } from '../core/message.js';
import { PROVIDER_NAME } from '../report/model.js';
import type { ReportJson, ReportJsonCheck } from '../report/report-schema.js';

/**
 * The handoff sheet (`report`): for each account, what the customer sends to Tactium — the "what to
 * send" column for its provider — each item beside the verdict of the checks that verify it, then what is
 * still missing or failing with the fix, the date, the tool version and where it was verified from.
 * Built from a JSON report (a fresh run is rendered to the same shape first), so a saved report and a
 * fresh run give the same sheet. Secrets are items without a value: the sheet says they are sent apart.
 */

export interface HandoffItem {
  /** The item's label. */
  readonly key: MessageKey;
  /** What to send, as written in the file; `null` for a secret (never printed) or something not given. */
  readonly value: string | null;
  /** A value that is a word to translate rather than a fact (e.g. the OAuth flow). */
  readonly display?: Message;
  readonly secret: boolean;
  /** Check ids whose results verify this item; a check absent from the report means "not verified". */
  readonly verifiedBy: readonly string[];
}

const SECURITY_WORDS: Readonly<Record<Security, string>> = { tls: 'SSL/TLS', starttls: 'STARTTLS', none: 'none' };

/**
 * Exchange Online permissions per flow and protocol (docs/provider-facts.md §Exchange permissions; "Authenticate an
 * IMAP, POP or SMTP connection using OAuth"): app roles for the application flow, delegated scopes (with
 * offline_access for the refresh token) for the delegated flow.
 */
function officePermissions(account: Account): string {
  const pop = account.incoming.protocol === 'pop3';
  if (account.auth.flow === 'application') return [pop ? 'POP.AccessAsApp' : 'IMAP.AccessAsApp', 'SMTP.SendAsApp'].join(', ');
  return [pop ? 'POP.AccessAsUser.All' : 'IMAP.AccessAsUser.All', 'SMTP.Send', 'offline_access'].join(', ');
}

function serverItems(account: Account): HandoffItem[] {
  const { incoming, outgoing } = account;
  return [
    {
      key: 'handoff.item.incomingProtocol',
      value: incoming.protocol === 'imap' ? 'IMAP' : 'POP3',
      secret: false,
      verifiedBy: ['incoming.connect', 'incoming.auth'],
    },
    { key: 'handoff.item.incomingServer', value: incoming.host, secret: false, verifiedBy: ['dns.incoming', 'incoming.connect'] },
    { key: 'handoff.item.incomingPort', value: String(incoming.port), secret: false, verifiedBy: ['config.incoming-port', 'incoming.connect'] },
    { key: 'handoff.item.incomingSecurity', value: SECURITY_WORDS[incoming.security], secret: false, verifiedBy: ['config.incoming-port', 'incoming.tls'] },
    { key: 'handoff.item.outgoingServer', value: outgoing.host, secret: false, verifiedBy: ['dns.outgoing', 'smtp.connect', 'smtp.auth', 'smtp.send'] },
    { key: 'handoff.item.outgoingPort', value: String(outgoing.port), secret: false, verifiedBy: ['config.smtp-port', 'smtp.connect'] },
    { key: 'handoff.item.outgoingSecurity', value: SECURITY_WORDS[outgoing.security], secret: false, verifiedBy: ['config.smtp-port', 'smtp.tls'] },
  ];
}

function loginItems(account: Account): HandoffItem[] {
  const login = ['incoming.auth', 'smtp.auth'];
  return account.auth.username && account.auth.username !== account.mailbox
    ? [{ key: 'handoff.item.username', value: account.auth.username, secret: false, verifiedBy: login }]
    : [];
}

function office365Items(account: Account): HandoffItem[] {
  const items: HandoffItem[] = [
    { key: 'handoff.item.mailbox', value: account.mailbox, secret: false, verifiedBy: ['exchange.mailbox-access', 'incoming.auth'] },
  ];
  const { auth } = account;
  if (auth.method === 'password') {
    items.push(...loginItems(account), {
      key: 'handoff.item.password',
      value: null,
      secret: true,
      verifiedBy: ['config.basic-auth', 'incoming.auth', 'smtp.auth'],
    });
  } else {
    items.push(
      { key: 'handoff.item.tenant', value: auth.tenantId ?? null, secret: false, verifiedBy: ['entra.tenant'] },
      { key: 'handoff.item.clientId', value: auth.clientId ?? null, secret: false, verifiedBy: ['entra.credentials'] },
      { key: 'handoff.item.objectId', value: auth.objectId ?? null, secret: false, verifiedBy: ['entra.object-id'] },
      { key: 'handoff.item.secretId', value: auth.secretId ?? null, secret: false, verifiedBy: ['entra.secret-expiry', 'config.secret-id-as-secret'] },
      { key: 'handoff.item.clientSecret', value: null, secret: true, verifiedBy: ['config.secret-id-as-secret', 'entra.credentials'] },
      { key: 'handoff.item.secretExpiry', value: auth.secretExpiresOn ?? null, secret: false, verifiedBy: ['entra.secret-expiry'] },
    );
    if (auth.flow === 'delegated') {
      items.push({ key: 'handoff.item.redirectUri', value: auth.redirectUri ?? null, secret: false, verifiedBy: ['entra.redirect-uri'] });
      items.push(...loginItems(account));
    }
    items.push(
      {
        key: 'handoff.item.flow',
        value: auth.flow ?? null,
        ...(auth.flow ? { display: msg(`handoff.flow.${auth.flow}`) } : {}),
        secret: false,
        verifiedBy: ['entra.exchange-roles', 'entra.permissions'],
      },
      {
        key: 'handoff.item.permissions',
        value: officePermissions(account),
        secret: false,
        verifiedBy: ['entra.exchange-roles', 'entra.permissions', 'entra.admin-consent'],
      },
    );
  }
  items.push(...serverItems(account));
  if (auth.method === 'oauth2') items.push({ key: 'handoff.item.admin', value: account.admin?.user ?? null, secret: false, verifiedBy: ['entra.admin-user'] });
  return items;
}

function imapItems(account: Account): HandoffItem[] {
  const login = ['incoming.auth', 'smtp.auth'];
  return [
    { key: 'handoff.item.mailbox', value: account.mailbox, secret: false, verifiedBy: login },
    { key: 'handoff.item.login', value: account.auth.username ?? account.mailbox, secret: false, verifiedBy: login },
    account.auth.method === 'password'
      ? { key: 'handoff.item.password', value: null, secret: true, verifiedBy: login }
      : { key: 'handoff.item.accessToken', value: null, secret: true, verifiedBy: login },
    ...serverItems(account),
  ];
}

/** The "what to send" items for this account's provider, in the order of the sheet. */
export function handoffItems(account: Account): HandoffItem[] {
  switch (account.provider) {
    case 'office365':
      return office365Items(account);
    case 'gmail':
      return gmailHandoffItems(account);
    case 'imap':
      return imapItems(account);
  }
}

// ---- Verdicts ---------------------------------------------------------------------------------------------

/** An item's verdict: the worst status among its checks that ran, or not verified when none did. */
export type Verdict = Exclude<Status, 'skip'> | 'not-verified';

const SEVERITY: Readonly<Record<Exclude<Status, 'skip'>, number>> = { pass: 0, warn: 1, fail: 2, error: 3 };

/** A skipped check verified nothing; the worst of the rest decides. */
export function verdictOf(statuses: readonly Status[]): Verdict {
  let worst: Verdict = 'not-verified';
  for (const status of statuses) {
    if (status === 'skip') continue;
    if (worst === 'not-verified' || SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

// ---- The sheet --------------------------------------------------------------------------------------------

export interface SheetItem {
  readonly label: string;
  readonly value: string | null;
  /** The value is a translated word (e.g. the OAuth flow), not a fact to copy. */
  readonly worded: boolean;
  readonly secret: boolean;
  readonly verdict: Verdict;
  /** The verifying checks that are in the report, with their status (skips included, for the reader). */
  readonly checks: readonly { readonly id: string; readonly status: Status }[];
}

export interface SheetFix {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  readonly code: string | null;
  readonly summary: string;
  readonly evidence: readonly { readonly label: string; readonly value: string }[];
  readonly remediation: readonly { readonly kind: string; readonly text: string; readonly target: string | null }[];
}

export interface SheetAccount {
  readonly name: string;
  readonly provider: Provider;
  readonly providerLabel: string;
  readonly mailbox: string;
  readonly items: readonly SheetItem[];
  /** Labels of the items the file does not give (to ask the customer for). */
  readonly missing: readonly string[];
  /** Every check that failed, warned, errored, or was skipped with something to do, with its fix. */
  readonly toFix: readonly SheetFix[];
  /** False when the saved report has no results for this account: nothing of it is verified. */
  readonly inReport: boolean;
}

export interface HandoffSheet {
  readonly locale: Translator['locale'];
  /** When the sheet was made (ISO 8601). */
  readonly generatedAt: string;
  /** The tool that made the sheet. */
  readonly tool: { readonly name: string; readonly version: string };
  /** Where the results come from: this run, or a saved JSON report. */
  readonly source: { readonly kind: 'run' } | { readonly kind: 'saved'; readonly file: string };
  /** The verification: its start, the version that ran it, an interruption, the machine it ran on. */
  readonly verification: {
    readonly startedAt: string;
    readonly toolVersion: string;
    readonly interrupted: 'SIGINT' | 'SIGTERM' | null;
    readonly verifiedFrom: ReportJson['verifiedFrom'];
  };
  readonly accounts: readonly SheetAccount[];
}

/** Whether a result gets an entry under "still to do": like the reports' "How to fix" (model.needsFix). */
function needsFix(check: ReportJsonCheck): boolean {
  if (check.status === 'pass') return false;
  if (check.status === 'skip') return check.evidence.length > 0 || check.remediation.length > 0;
  return true;
}

export interface BuildSheetOptions {
  readonly t: Translator;
  readonly source: HandoffSheet['source'];
  readonly tool: HandoffSheet['tool'];
  readonly now: Date;
}

/** The sheet for every account of `config`, verdicts taken from `report` (matched by account name). */
export function buildHandoffSheet(config: PreflightConfig, report: ReportJson, options: BuildSheetOptions): HandoffSheet {
  const { t } = options;
  // A title in the sheet's language when the check is known; a saved report's own words otherwise.
  const titleOf = (check: ReportJsonCheck) => {
    const key = checkTitleKey(check.id);
    return key ? t.t(key) : check.title;
  };
  const accounts = config.accounts.map((account): SheetAccount => {
    const reported = report.accounts.find((candidate) => candidate.name === account.name && candidate.provider === account.provider);
    const byId = new Map((reported?.checks ?? []).map((check) => [check.id, check]));
    const items = handoffItems(account).map((item): SheetItem => {
      const checks = item.verifiedBy.flatMap((id) => {
        const check = byId.get(id);
        return check ? [{ id, status: check.status }] : [];
      });
      // Nothing given, nothing verified: a check that passes without the value (the Secret ID's) says nothing of it.
      const absent = !item.secret && item.value === null;
      return {
        label: t.t(item.key),
        value: item.display ? t.message(item.display) : item.value,
        worded: item.display !== undefined,
        secret: item.secret,
        verdict: absent ? 'not-verified' : verdictOf(checks.map((check) => check.status)),
        checks,
      };
    });
    return {
      name: account.name,
      provider: account.provider,
      providerLabel: t.t(PROVIDER_NAME[account.provider]),
      mailbox: account.mailbox,
      items,
      missing: items.filter((item) => !item.secret && item.value === null).map((item) => item.label),
      toFix: (reported?.checks ?? []).filter(needsFix).map((check) => ({
        id: check.id,
        title: titleOf(check),
        status: check.status,
        code: check.code,
        summary: check.status === 'skip' || check.status === 'error' ? (check.reason ?? check.summary) : check.summary,
        evidence: check.evidence,
        remediation: check.remediation,
      })),
      inReport: reported !== undefined,
    };
  });
  return {
    locale: t.locale,
    generatedAt: options.now.toISOString(),
    tool: options.tool,
    source: options.source,
    verification: {
      startedAt: report.startedAt,
      toolVersion: report.tool.version,
      interrupted: report.interrupted,
      verifiedFrom: report.verifiedFrom,
    },
    accounts,
  };
}
