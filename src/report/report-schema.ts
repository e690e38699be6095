import { z } from 'zod';
import { STATUSES } from '../checks/types.js';
import { PROVIDERS } from '../config/schema.js';

/**
 * The JSON report (`--format json`), defined once: the type `renderJson` builds, the validator
 * `report --from` can read a saved report with, and the published JSON Schema. Scripts depend on it: field
 * names stay stable; a field is added, never renamed. Fields that may be absent are `null`, never missing.
 */

export const REPORT_SCHEMA_ID = 'https://tactium.com.br/schemas/tactium-preflight/report.schema.json';

const count = z.number().int().min(0);
const milliseconds = z.number().min(0).describe('Milliseconds');

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
  id: z.string().describe('Stable check id, e.g. smtp.tls'),
  title: z.string(),
  status: z.enum(STATUSES),
  code: z.string().nullable().describe('Machine code in SCREAMING_SNAKE (e.g. TLS_CERT_EXPIRED); set on every non-pass'),
  reason: z.string().nullable().describe('Why the check was skipped or errored, when the runner decided it'),
  durationMs: milliseconds,
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  remediation: z.array(remediationSchema),
  trace: z.array(traceSchema).describe('Empty unless the run used --trace'),
});

const accountSchema = z.strictObject({
  name: z.string(),
  provider: z.enum(PROVIDERS),
  checks: z.array(checkSchema),
});

const summarySchema = z
  .strictObject({ pass: count, warn: count, fail: count, skip: count, error: count })
  .describe('How many checks ended in each status, over every account');

export const reportSchema = z
  .strictObject({
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    locale: z.enum(['pt-BR', 'en']).describe('Language of titles, summaries, labels and steps'),
    startedAt: z.string().describe('ISO 8601'),
    durationMs: milliseconds,
    interrupted: z.enum(['SIGINT', 'SIGTERM']).nullable().describe('The signal that stopped the run; the checks that finished are still reported'),
    verifiedFrom: z
      .strictObject({
        hostname: z.string(),
        addresses: z.array(z.string()).describe('Local addresses used'),
        platform: z.string(),
        proxy: z.string().nullable().describe('HTTPS proxy used for identity calls (credentials removed)'),
        at: z.string().describe('ISO 8601'),
      })
      .describe('Where the checks ran: a pass from this network does not prove that Tactium’s servers reach the same hosts'),
    summary: summarySchema,
    accounts: z.array(accountSchema),
  })
  .describe('tactium-preflight check report');

/** The JSON report as `renderJson` writes it. */
export type ReportJson = z.output<typeof reportSchema>;
export type ReportJsonCheck = z.output<typeof checkSchema>;

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
