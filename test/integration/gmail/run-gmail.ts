/**
 * Runs a Gmail account's checks through the real runner (dependencies, one memo per account, budgets,
 * transcripts), with the Google token provider registered as the CLI registers it, and helpers to read
 * the results and to look for secrets in them.
 */
import { gmailCredentialsCheck } from '../../../src/checks/gmail/credentials.js';
import { incomingAuthCheck } from '../../../src/checks/incoming/auth.js';
import { incomingConnectCheck } from '../../../src/checks/incoming/connect.js';
import { incomingTlsCheck } from '../../../src/checks/incoming/tls.js';
import { smtpAuthCheck } from '../../../src/checks/smtp/auth.js';
import { smtpConnectCheck } from '../../../src/checks/smtp/connect.js';
import { smtpSendCheck } from '../../../src/checks/smtp/send.js';
import { smtpTlsCheck } from '../../../src/checks/smtp/tls.js';
import type { Check, CheckResult, RunOptions } from '../../../src/core/check.js';
import type { Account } from '../../../src/config/types.js';
import { googleTokenProvider } from '../../../src/checks/shared/google-token-provider.js';
import { registerTokenProvider } from '../../../src/checks/shared/token-provider.js';
import { runChecks } from '../../../src/runner/run-checks.js';
import type { DnsResolver } from '../../../src/core/services.js';
import type { SignIns } from '../../../src/core/sign-in.js';
import { loopbackResolver } from '../../support/check-context.js';

registerTokenProvider(googleTokenProvider);

export const GMAIL_CHECKS: readonly Check[] = [
  gmailCredentialsCheck,
  incomingConnectCheck,
  incomingTlsCheck,
  incomingAuthCheck,
  smtpConnectCheck,
  smtpTlsCheck,
  smtpAuthCheck,
  smtpSendCheck,
];

export interface GmailRunOptions {
  readonly extraCa?: readonly string[];
  readonly checks?: readonly Check[];
  readonly options?: Partial<RunOptions>;
  readonly dns?: DnsResolver;
  /** The sign-ins prepared before the checks (`--login`). */
  readonly signIns?: SignIns;
}

/** The results by check id. */
export async function runGmail(account: Account, settings: GmailRunOptions = {}): Promise<Record<string, CheckResult>> {
  const extraCa = [...(settings.extraCa ?? [])];
  const [run] = await runChecks({
    config: { file: '/tmp/gmail.yaml', accounts: [account], tls: { extraCa } },
    checks: settings.checks ?? GMAIL_CHECKS,
    options: { stepTimeoutMs: 3000, trace: true, verbose: false, admin: false, login: false, ...settings.options },
    services: { dns: settings.dns ?? loopbackResolver, now: () => new Date(), extraCa, ...(settings.signIns ? { signIns: settings.signIns } : {}) },
    concurrency: 1,
    signal: new AbortController().signal,
  });
  return Object.fromEntries((run?.results ?? []).map((result) => [result.id, result]));
}

export function evidenceOf(result: CheckResult | undefined, label: string): string | undefined {
  return result?.evidence.find((entry) => entry.label === label)?.value;
}

export function remediationKeys(result: CheckResult | undefined): string[] {
  return (result?.remediation ?? []).map((entry) => entry.message.key);
}

export function statuses(results: Record<string, CheckResult>): Record<string, string> {
  return Object.fromEntries(Object.entries(results).map(([id, result]) => [id, result.status]));
}

/** The transcript of a check as `direction: text` lines. */
export function traceOf(result: CheckResult | undefined): string[] {
  return (result?.trace ?? []).map((entry) => `${entry.direction}: ${entry.text}`);
}

/**
 * The forms a secret takes on the wire: as is, URL/form-encoded, and base64 (the stable middle of each of
 * the three byte alignments, since a token sits inside a larger SASL blob), plus base64url.
 */
export function secretForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+')]);
  const bytes = Buffer.from(value, 'utf8');
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    const core = encoded.slice(Math.ceil((shift * 8) / 6), Math.floor((padded.length * 8) / 6));
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= 8);
}

/** Every secret form found in `text`, for an assertion that expects none. */
export function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((value) =>
    secretForms(value)
      .filter((form) => text.includes(form))
      .map((form) => `${value.slice(0, 4)}… as ${form.slice(0, 12)}…`),
  );
}
