import { create, fragment } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Status } from '../core/check.js';
import type { Translator } from '../i18n/index.js';
import { scrub } from '../secrets/redact.js';
import { detailOf, needsFix, printable, safeProxy, type ReportedAccount, type ReportedCheck, type ReportedConfigError, type RunReport } from './model.js';
import { isNotApplicable } from './verdict.js';

const SUITES_NAME = 'tactium-preflight';
const TRACE_MARK: Readonly<Record<ReportedCheck['trace'][number]['direction'], string>> = { client: 'C:', server: 'S:', tls: 'TLS', info: '--' };

/** JUnit wants seconds; three decimals keep milliseconds. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** Text for an attribute or element: secrets out before XML escaping could disguise them, controls made visible. */
function clean(text: string, multiline = false): string {
  return printable(scrub(text), multiline);
}

/**
 * `--format junit`: one testsuite per account, one testcase per applicable check: fail → `<failure>`,
 * error → `<error>`, skip → `<skipped>`, warn → passed with the warning in `<system-out>`.
 */
export function renderJunit(report: RunReport, t: Translator): string {
  return [...renderJunitParts(report, t)].join('');
}

/**
 * The same text as `renderJunit`, a piece per account (each suite built and serialised on its own, at the
 * indentation it has in the document): a fleet's report never has to be one XML tree in memory.
 */
export function* renderJunitParts(report: RunReport, t: Translator): Generator<string> {
  // Checks that do not apply to an account are not tests of it: a CI dashboard would show dozens of "skipped".
  const accounts = report.accounts.map((account) => ({ ...account, checks: account.checks.filter((check) => !isNotApplicable(check)) }));
  const configErrors = report.configErrors ?? [];
  const all = accounts.flatMap((account) => account.checks);
  const count = (status: Status): number => all.filter((check) => check.status === status).length;
  // U+FFFD for anything XML 1.0 cannot carry that `printable` left (lone surrogates, U+FFFE…).
  const document = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const suites = document.ele('testsuites', {
    name: SUITES_NAME,
    tests: String(all.length + configErrors.length),
    failures: String(count('fail') + configErrors.length),
    errors: String(count('error')),
    skipped: String(count('skip')),
    // The run's wall time: accounts and their checks run concurrently, so it is not the sum of the suites'.
    time: seconds(report.durationMs),
  });

  const from = report.verifiedFrom;
  const properties: Array<[string, string | null]> = [
    ['tool.name', report.tool.name],
    ['tool.version', report.tool.version],
    ['locale', t.locale],
    ['startedAt', report.startedAt],
    ['verifiedFrom.hostname', from.hostname],
    ['verifiedFrom.addresses', from.addresses.join(', ')],
    ['verifiedFrom.platform', from.platform],
    ['verifiedFrom.proxy', safeProxy(from.proxy)],
    ['verifiedFrom.at', from.at],
    ['interrupted', report.interrupted],
  ];
  addProperties(suites, properties);

  for (const error of configErrors) addConfigSuite(suites, error, report, t);
  // Each piece ends at a line's end, so scrubbing piece by piece removes what scrubbing the whole would.
  const head = document.end({ prettyPrint: true });
  const close = head.lastIndexOf('</testsuites>');
  yield scrub(head.slice(0, close));
  for (const account of accounts) {
    const suite = fragment({ invalidCharReplacement: '\uFFFD' });
    addSuite(suite, account, report, t);
    yield `${scrub(suite.end({ prettyPrint: true, offset: 1 }))}\n`;
  }
  yield `${head.slice(close)}\n`;
}

function addProperties(parent: XMLBuilder, properties: ReadonlyArray<[string, string | null]>): void {
  const element = parent.ele('properties');
  for (const [name, value] of properties) {
    if (value !== null) element.ele('property', { name, value: clean(value) });
  }
}

function addSuite(suites: XMLBuilder, account: ReportedAccount, report: RunReport, t: Translator): void {
  const count = (status: Status): number => account.checks.filter((check) => check.status === status).length;
  const suite = suites.ele('testsuite', {
    name: clean(account.name),
    tests: String(account.checks.length),
    failures: String(count('fail')),
    errors: String(count('error')),
    skipped: String(count('skip')),
    time: seconds(suiteMs(account, report)),
    timestamp: clean(report.startedAt),
    hostname: clean(report.verifiedFrom.hostname),
  });
  addProperties(suite, [['provider', account.provider]]);

  for (const check of account.checks) {
    const testcase = suite.ele('testcase', {
      // Never translated: a CI's test history is keyed by these, whichever language its runner speaks.
      classname: clean(`${account.name}.${check.area}`),
      name: clean(testcaseName(check.id, account.name)),
      time: seconds(check.durationMs),
    });
    const summary = clean(t.message(detailOf(check)));
    const code = check.code ?? check.status.toUpperCase();
    const details = describe(check, t);
    const transcript = describeTrace(check);
    // Warnings and transcripts go to system-out: a warning passes (CI stays green unless --strict) and is
    // kept where people look.
    const out: string[] = [];
    switch (check.status) {
      case 'fail':
        testcase.ele('failure', { message: summary, type: code }).txt(details.join('\n'));
        break;
      case 'error':
        testcase.ele('error', { message: summary, type: code }).txt(details.join('\n'));
        break;
      case 'skip':
        testcase.ele('skipped', { message: summary });
        // Only a skip the user can act on ("run again with --admin") says more than its reason.
        if (needsFix(check)) out.push(...details);
        break;
      case 'warn':
        out.push(t.t('report.junit.warning', { summary }), ...details);
        break;
      case 'pass':
        break;
    }
    if (transcript.length > 0) out.push(...(out.length > 0 ? [''] : []), `${t.t('report.trace')}:`, ...transcript);
    if (out.length > 0) testcase.ele('system-out').txt(out.join('\n'));
  }
}

/** `smtp.tls — atendimento`: the check id and the account, the same in every language. */
export function testcaseName(id: string, account: string): string {
  return `${id} — ${account}`;
}

/**
 * The account's wall time when the runner measured it, else the sum of its checks' (they may overlap),
 * never more than the run's.
 */
function suiteMs(account: ReportedAccount, report: RunReport): number {
  const ms = account.durationMs ?? account.checks.reduce((sum, check) => sum + check.durationMs, 0);
  return Math.min(ms, report.durationMs);
}

/** A file that could not be loaded: one failing `config` testcase, so a CI dashboard shows why nothing ran. */
function addConfigSuite(suites: XMLBuilder, error: ReportedConfigError, report: RunReport, t: Translator): void {
  const suite = suites.ele('testsuite', {
    name: clean(error.source),
    tests: '1',
    failures: '1',
    errors: '0',
    skipped: '0',
    time: seconds(0),
    timestamp: clean(report.startedAt),
    hostname: clean(report.verifiedFrom.hostname),
  });
  const located = error.issues.map((issue) => {
    const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
    const what = issue.path.length > 0 ? `${issue.path}: ${t.message(issue.message)}` : t.message(issue.message);
    return [`${where}  ${what}`, ...(issue.hints ?? []).map((hint) => `    ${t.message(hint)}`)].join('\n');
  });
  const testcase = suite.ele('testcase', { classname: clean(`${error.source}.config`), name: clean(testcaseName('config', error.source)), time: seconds(0) });
  testcase
    .ele('failure', { message: clean(`${located[0]!.split('\n')[0]!}`), type: 'CONFIG_INVALID' })
    .txt(clean([t.t('report.config.testcase', { count: error.issues.length }), '', ...located].join('\n'), true));
}

/** Code, evidence and steps as plain text lines (the body of `<failure>`, `<error>` and a warning). */
function describe(check: ReportedCheck, t: Translator): string[] {
  const lines: string[] = [];
  if (check.code) lines.push(t.t('report.code', { code: clean(check.code) }));
  if (check.evidence.length > 0) {
    lines.push(`${t.t('report.evidence')}:`);
    for (const item of check.evidence) lines.push(`  - ${t.t(item.label)}: ${clean(item.value, true).replace(/\n/g, '\n    ')}`);
  }
  if (check.remediation.length > 0) {
    lines.push(`${t.t('report.steps')}:`);
    check.remediation.forEach((step, index) => {
      lines.push(`  ${index + 1}. ${clean(t.message(step.message))}`);
      // A YAML snippet keeps its lines, to be pasted as is.
      if (step.target !== undefined)
        lines.push(
          ...clean(step.target, true)
            .split('\n')
            .map((line) => `       ${line}`),
        );
    });
  }
  return lines;
}

function describeTrace(check: ReportedCheck): string[] {
  return check.trace.map((entry) => `+${(entry.atMs / 1000).toFixed(3)}s ${TRACE_MARK[entry.direction]} ${clean(entry.text)}`);
}
