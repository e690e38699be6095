import type { Translator } from '../i18n/index.js';
import { scrubDeep } from '../secrets/redact.js';
import { verdictOfAccount, verdictOfRun } from './fleet.js';
import { safeProxy, type ReportedCheck, type RunReport } from './model.js';
import { NOT_APPLICABLE_REASON, type ReportJson, type ReportJsonAccount, type ReportJsonCheck } from './report-schema.js';
import { summarize } from './summary.js';
import { isNotApplicable } from './verdict.js';

/**
 * `--format json`: the published shape (see report-schema.ts), texts translated with `t`, pretty-printed
 * with two spaces and a trailing newline. Absent values are `null`, so every key is always present.
 */
export function renderJson(report: RunReport, t: Translator): string {
  return [...renderJsonParts(report, t)].join('');
}

/**
 * The same text as `renderJson`, a piece per account: a fleet's report is tens of megabytes, and written
 * piece by piece it never has to be whole in memory (with its scrubbed and escaped copies).
 */
export function* renderJsonParts(report: RunReport, t: Translator): Generator<string> {
  const head: Omit<ReportJson, 'accounts'> = {
    tool: { name: report.tool.name, version: report.tool.version },
    locale: t.locale,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    interrupted: report.interrupted,
    verifiedFrom: {
      hostname: report.verifiedFrom.hostname,
      addresses: [...report.verifiedFrom.addresses],
      platform: report.verifiedFrom.platform,
      proxy: safeProxy(report.verifiedFrom.proxy),
      at: report.verifiedFrom.at,
    },
    summary: { ...summarize(report) },
    verdict: verdictOfRun(report),
    configErrors: (report.configErrors ?? []).flatMap((error) =>
      error.issues.map((issue) => ({
        file: issue.file,
        line: issue.line,
        column: issue.column,
        path: issue.path,
        message: t.message(issue.message),
        hints: (issue.hints ?? []).map((hint) => t.message(hint)),
      })),
    ),
  };
  // `accounts` is the document's last key: the head is the document with an empty list, opened up.
  const empty = serialise({ ...head, accounts: [] }, '');
  if (report.accounts.length === 0) {
    yield `${empty}\n`;
    return;
  }
  yield `${empty.slice(0, empty.lastIndexOf('[]'))}[\n`;
  for (const [index, account] of report.accounts.entries()) {
    const json: ReportJsonAccount = {
      name: account.name,
      provider: account.provider,
      verdict: verdictOfAccount(account),
      checks: account.checks.map((check) => toJsonCheck(check, t)),
    };
    // Nested two levels deep, as JSON.stringify(document, null, 2) would write it.
    yield `${serialise(json, '    ')}${index < report.accounts.length - 1 ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}

/**
 * Third redaction layer (docs/architecture.md). Scrubbing each string before serialisation rather than the
 * serialised text: the JSON-escaped form of a secret is the same secret inside a string, and a secret that
 * happens to look like a number or a key can never corrupt the document's structure. JSON.stringify leaves
 * C1 controls (U+0080–U+009F) raw; some terminals act on them (U+009B is CSI), so a hostile server's reply
 * could steer the terminal of whoever `cat`s the report. Escape them, still valid JSON.
 */
function serialise(value: unknown, indent: string): string {
  const text = JSON.stringify(scrubDeep(value), null, 2).replace(/[\u0080-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return indent ? `${indent}${text.replace(/\n/g, `\n${indent}`)}` : text;
}

function toJsonCheck(check: ReportedCheck, t: Translator): ReportJsonCheck {
  return {
    id: check.id,
    title: t.t(check.title),
    status: check.status,
    code: check.code,
    // A fixed word for scripts to filter on; the summary says why, in the report language.
    reason: isNotApplicable(check) ? NOT_APPLICABLE_REASON : check.reason ? t.message(check.reason) : null,
    durationMs: check.durationMs,
    summary: t.message(check.summary),
    evidence: check.evidence.map((item) => ({ label: t.t(item.label), value: item.value })),
    remediation: check.remediation.map((step) => ({ kind: step.kind, text: t.message(step.message), target: step.target ?? null })),
    trace: check.trace.map((entry) => ({ atMs: entry.atMs, direction: entry.direction, text: entry.text })),
  };
}
