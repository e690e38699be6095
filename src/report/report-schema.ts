import { z } from 'zod';
import { STATUSES } from '../core/check.js';
import { PROVIDERS } from '../config/schema.js';
import { printable } from './model.js';
import { VERDICTS } from './verdict.js';

/**
 * The JSON report (`--format json`), defined once: the type `renderJson` builds, the validator
 * `report --from` can read a saved report with, and the published JSON Schema. Scripts depend on it: field
 * names stay stable; a field is added, never renamed. Fields that may be absent are `null`, never missing.
 */

export const REPORT_SCHEMA_ID = 'https://tactium.com.br/schemas/tactium-preflight/report.schema.json';

const count = z.number().int().min(0);
const milliseconds = z.number().min(0).describe('Milliseconds');

// The fields a reader acts on are checked for their form, not only for being strings: `report --from`
// reads files that travel by e-mail and ticket, and a tampered one must not put anything but an id, a
// code or a date where those belong.
/** `area.subject`, lowercase: every id of the catalogue (e.g. `smtp.tls`, `entra.admin-consent`). */
export const CHECK_ID_PATTERN = /^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** SCREAMING_SNAKE, digits allowed (`TLS_CERT_EXPIRED`, `AADSTS7000215`). */
export const CODE_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** ISO 8601 date and time with its offset, as `Date.prototype.toISOString` writes it. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const dateTime = z
  .string()
  .regex(ISO_DATE_TIME, 'expected an ISO 8601 date and time, e.g. 2026-11-27T10:00:00.000Z')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected a real date and time')
  .describe('ISO 8601');

const evidenceSchema = z
  .strictObject({
    label: z.string().describe('What the value is, in the report language'),
    value: z.string().describe('The fact as seen (host, server reply, code); never translated, never a secret'),
  })
  .describe('A fact the check saw');

const remediationSchema = z
  .strictObject({
    kind: z.enum(['portal', 'command', 'url', 'text']).describe('portal: a breadcrumb; command: a line to run; url: a page to open; text: an explanation'),
    text: z.string().describe('The step, in the report language'),
    target: z.string().nullable().describe('The exact command line (with this account’s values) or URL; null when the step has none'),
  })
  .describe('One step of the fix');

const traceSchema = z
  .strictObject({
    atMs: milliseconds.describe('Milliseconds since the check started'),
    direction: z.enum(['client', 'server', 'tls', 'info']),
    text: z.string().describe('The line exchanged, redacted'),
  })
  .describe('One line of the redacted protocol transcript (--trace)');

const checkSchema = z.strictObject({
  id: z.string().regex(CHECK_ID_PATTERN, 'expected a check id like smtp.tls (lowercase area.subject)').describe('Stable check id, e.g. smtp.tls'),
  title: z.string(),
  status: z.enum(STATUSES),
  code: z
    .string()
    .regex(CODE_PATTERN, 'expected a code in SCREAMING_SNAKE, e.g. TLS_CERT_EXPIRED')
    .nullable()
    .describe('Machine code in SCREAMING_SNAKE (e.g. TLS_CERT_EXPIRED); set on every non-pass'),
  reason: z.string().nullable().describe('Why the check was skipped or errored, when the runner decided it'),
  durationMs: milliseconds,
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  remediation: z.array(remediationSchema),
  trace: z.array(traceSchema).describe('Empty unless the run used --trace'),
});

/** The JSON `reason` of a check that does not apply to the account (its `summary` says why, translated). */
export const NOT_APPLICABLE_REASON = 'not-applicable';

const verdictSchema = z
  .enum(VERDICTS)
  .describe(
    'not-ready: a check failed or broke; not-verified: nothing was proven; ready-with-warnings: a warning, or left unproven (needs --admin / --login); ready',
  );

const accountSchema = z.strictObject({
  name: z.string().describe('The account; with several files, `file:account` (file name without folder)'),
  provider: z.enum(PROVIDERS),
  verdict: verdictSchema,
  checks: z.array(checkSchema),
});

const configErrorSchema = z
  .strictObject({
    file: z.string().describe('The configuration file as given on the command line'),
    line: count.describe('1-based; 0 when the file as a whole could not be read'),
    column: count,
    path: z.string().describe('Dotted path of the key, e.g. accounts[0].outgoing.port; empty for the file as a whole'),
    message: z.string().describe('What was found and what to write, in the report language'),
    hints: z.array(z.string()),
  })
  .describe('A problem in a configuration file: its accounts were not checked and the run exits 2');

const summarySchema = z
  .strictObject({ pass: count, warn: count, fail: count, skip: count, error: count })
  .describe('How many checks ended in each status, over every account');

export const reportSchema = z
  .strictObject({
    tool: z.strictObject({ name: z.string(), version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+-]*$/, 'expected a version like 0.1.0') }),
    locale: z.enum(['pt-BR', 'en']).describe('Language of titles, summaries, labels and steps'),
    startedAt: dateTime,
    durationMs: milliseconds,
    interrupted: z.enum(['SIGINT', 'SIGTERM']).nullable().describe('The signal that stopped the run; the checks that finished are still reported'),
    verifiedFrom: z
      .strictObject({
        hostname: z.string(),
        addresses: z.array(z.string()).describe('Local addresses used'),
        platform: z.string(),
        proxy: z.string().nullable().describe('HTTPS proxy used for identity calls (credentials removed)'),
        at: dateTime,
      })
      .describe('Where the checks ran: a pass from this network does not prove that Tactium’s servers reach the same hosts'),
    summary: summarySchema,
    verdict: verdictSchema.describe('The run: the worst of its accounts (a file that could not be loaded counts as not-verified)'),
    configErrors: z.array(configErrorSchema).describe('Files of the run that could not be loaded; empty when every file loaded'),
    accounts: z.array(accountSchema),
  })
  .describe('tactium-preflight check report');

/** The JSON report as `renderJson` writes it. */
export type ReportJson = z.output<typeof reportSchema>;
export type ReportJsonCheck = z.output<typeof checkSchema>;
export type ReportJsonAccount = z.output<typeof accountSchema>;

/** The published JSON Schema (draft 2020-12) of the JSON report. */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(reportSchema, { target: 'draft-2020-12' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: REPORT_SCHEMA_ID,
    title: 'tactium-preflight report',
    ...generated,
  };
}

// ---- Reading a report back ---------------------------------------------------------------------------------

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** A one-line field: line breaks become spaces, every other control or bidi character a visible escape. */
function oneLine(text: string): string {
  return printable(text.replace(LINE_BREAKS, ' '));
}

/** A field with lines (a server's multi-line reply, a script): newlines kept, the rest as in `oneLine`. */
function lines(text: string): string {
  return printable(text.replace(LINE_BREAKS, '\n'), true);
}

/**
 * The report as the sheets may show it: every free-text field passed through the same cleaner as server
 * text (`printable`), so a tampered file cannot put terminal escapes (an OSC 52 clipboard write), NUL,
 * BEL or bidirectional overrides into a sheet, nor a line break into a one-line field. Only a piece of
 * evidence and a step's command or snippet keep their lines. Applied to a fresh run too, so that a
 * saved report and a fresh run still give the same sheet.
 */
export function cleanReportText(report: ReportJson): ReportJson {
  const optional = (text: string | null) => (text === null ? null : oneLine(text));
  return {
    ...report,
    tool: { name: oneLine(report.tool.name), version: report.tool.version },
    verifiedFrom: {
      hostname: oneLine(report.verifiedFrom.hostname),
      addresses: report.verifiedFrom.addresses.map(oneLine),
      platform: oneLine(report.verifiedFrom.platform),
      proxy: optional(report.verifiedFrom.proxy),
      at: report.verifiedFrom.at,
    },
    configErrors: report.configErrors.map((issue) => ({
      ...issue,
      file: oneLine(issue.file),
      path: oneLine(issue.path),
      message: oneLine(issue.message),
      hints: issue.hints.map(oneLine),
    })),
    accounts: report.accounts.map((account) => ({
      name: oneLine(account.name),
      provider: account.provider,
      verdict: account.verdict,
      checks: account.checks.map((check) => ({
        ...check,
        title: oneLine(check.title),
        reason: optional(check.reason),
        summary: oneLine(check.summary),
        evidence: check.evidence.map((item) => ({ label: oneLine(item.label), value: lines(item.value) })),
        remediation: check.remediation.map((step) => ({
          kind: step.kind,
          text: oneLine(step.text),
          target: step.target === null ? null : step.kind === 'url' ? oneLine(step.target) : lines(step.target),
        })),
        trace: check.trace.map((entry) => ({ ...entry, text: oneLine(entry.text) })),
      })),
    })),
  };
}
