import { describe, expect, it } from '@jest/globals';
import Ajv2020 from 'ajv/dist/2020.js';
import { createTranslator, msg } from '../i18n/index.js';
import { renderJson } from './json.js';
import { cleanReportText, REPORT_SCHEMA_ID, reportJsonSchema, reportSchema } from './report-schema.js';
import { richReport } from '../../test/support/rich-report.js';

type Json = Record<string, unknown>;

function compile() {
  // strict: an unknown keyword or a loose type in the generated schema fails here. (ajv is CommonJS:
  // under NodeNext its class is the module's `default` member.)
  return new Ajv2020.default({ strict: true, allErrors: true }).compile(reportJsonSchema());
}

function rendered(): Json {
  return JSON.parse(renderJson(richReport({ interrupted: 'SIGINT' }), createTranslator('pt-BR'))) as Json;
}

function firstCheck(report: Json): Json {
  const accounts = report.accounts as Json[];
  return (accounts[0]!.checks as Json[])[1]!;
}

describe('reportJsonSchema', () => {
  it('is a draft 2020-12 schema with its published $id', () => {
    const schema = reportJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(REPORT_SCHEMA_ID);
    expect(schema.$id).toBe('https://tactium.com.br/schemas/tactium-preflight/report.schema.json');
    expect(schema.additionalProperties).toBe(false);
  });

  it('accepts a rich rendered report, in both languages', () => {
    const validate = compile();
    for (const locale of ['en', 'pt-BR'] as const) {
      for (const interrupted of [null, 'SIGTERM'] as const) {
        const report = JSON.parse(renderJson(richReport({ interrupted }), createTranslator(locale))) as unknown;
        expect([locale, validate(report), validate.errors ?? null]).toEqual([locale, true, null]);
      }
    }
  });

  it('rejects a report missing a field, even one that may be null', () => {
    const validate = compile();
    const withoutSummary = rendered();
    delete withoutSummary.summary;
    expect(validate(withoutSummary)).toBe(false);

    const withoutCode = rendered();
    delete firstCheck(withoutCode).code;
    expect(validate(withoutCode)).toBe(false);
    expect(validate.errors?.some((error) => error.keyword === 'required' && error.params.missingProperty === 'code')).toBe(true);
  });

  it('rejects unknown fields and values outside the enumerations', () => {
    const validate = compile();
    const extra = rendered();
    firstCheck(extra).severity = 'high';
    expect(validate(extra)).toBe(false);

    const badStatus = rendered();
    firstCheck(badStatus).status = 'passed';
    expect(validate(badStatus)).toBe(false);

    const badKind = rendered();
    (firstCheck(badKind).remediation as Json[])[0]!.kind = 'script';
    expect(validate(badKind)).toBe(false);
  });

  it('requires a known verdict per account and for the run, and accepts located configuration errors', () => {
    const validate = compile();
    const issue = { file: 'clientes/beta.yaml', line: 4, column: 11, path: 'accounts[0].name', message: msg('configfile.read.missing') };
    const withErrors = JSON.parse(renderJson({ ...richReport(), configErrors: [{ source: 'beta.yaml', issues: [issue] }] }, createTranslator('en'))) as Json;
    expect([validate(withErrors), validate.errors ?? null]).toEqual([true, null]);
    expect(reportSchema.safeParse(withErrors).success).toBe(true);

    const noVerdict = rendered();
    delete noVerdict.verdict;
    expect(validate(noVerdict)).toBe(false);
    const accountWithout = rendered();
    delete (accountWithout.accounts as Json[])[0]!.verdict;
    expect(validate(accountWithout)).toBe(false);
    const unknown = rendered();
    (unknown.accounts as Json[])[0]!.verdict = 'almost-ready';
    expect(validate(unknown)).toBe(false);
    const badError = rendered();
    badError.configErrors = [{ file: 'a.yaml', line: -1, column: 0, path: '', message: 'x', hints: [] }];
    expect(validate(badError)).toBe(false);
  });

  it('is the same contract as the zod schema that can read a saved report back', () => {
    const report = rendered();
    expect(reportSchema.safeParse(report).success).toBe(true);
    delete firstCheck(report).trace;
    expect(reportSchema.safeParse(report).success).toBe(false);
  });
});

describe('reading a report back (report --from)', () => {
  /** A saved report with one field replaced, through the zod schema `report --from` uses. */
  function withField(change: (report: Json) => void): boolean {
    const report = rendered();
    change(report);
    return reportSchema.safeParse(report).success;
  }

  it('rejects a check id, a code, a date or a version that does not have its form', () => {
    expect(withField(() => undefined)).toBe(true);
    for (const id of ['smtp.tls\u001b]52;c;aGk=\u0007', 'SMTP.TLS', 'smtp', 'smtp.tls extra', 'smtp.tls\n', '../etc', 'smtp.tls|x']) {
      expect([id, withField((report) => (firstCheck(report).id = id))]).toEqual([id, false]);
    }
    for (const code of ['tls_cert_expired', 'TLS CERT', 'TLS_\u202eEXPIRED', 'A\nB', '<b>X</b>', '']) {
      expect([code, withField((report) => (firstCheck(report).code = code))]).toEqual([code, false]);
    }
    expect(withField((report) => (firstCheck(report).code = 'AADSTS7000215'))).toBe(true);
    for (const date of ['yesterday', '2026-11-27', '2026-13-45T99:00:00.000Z', '2026-11-27T10:00:00.000Z\u001b[31m', '2026-11-27T10:00:00.000Z\nx']) {
      expect([date, withField((report) => (report.startedAt = date))]).toEqual([date, false]);
      expect([date, withField((report) => ((report.verifiedFrom as Json).at = date))]).toEqual([date, false]);
    }
    expect(withField((report) => (report.startedAt = '2026-11-27T07:00:00-03:00'))).toBe(true);
    expect(withField((report) => ((report.tool as Json).version = '1.0\u0007'))).toBe(false);
    expect(withField((report) => (firstCheck(report).status = 'PASS'))).toBe(false);
  });

  it('publishes the forms in the JSON Schema too', () => {
    const validate = compile();
    const report = rendered();
    firstCheck(report).id = 'Smtp.TLS';
    expect(validate(report)).toBe(false);
    const dated = rendered();
    dated.startedAt = 'yesterday';
    expect(validate(dated)).toBe(false);
  });

  it('leaves no control or bidirectional character in any free-text field, and line breaks only where text has lines', () => {
    const hostile = 'a\u001b]52;c;SGVsbG8=\u0007b\u0000c\u202ed\u2066e\u061cf\u200fg\u009bh\r\ni\nj\u2028k';
    const report = reportSchema.parse(rendered());
    const check = {
      ...report.accounts[0]!.checks[1]!,
      title: hostile,
      summary: hostile,
      reason: hostile,
      evidence: [{ label: hostile, value: hostile }],
      remediation: [
        { kind: 'command' as const, text: hostile, target: hostile },
        { kind: 'url' as const, text: hostile, target: hostile },
      ],
      trace: [{ atMs: 1, direction: 'server' as const, text: hostile }],
    };
    const tampered = {
      ...report,
      tool: { ...report.tool, name: hostile },
      verifiedFrom: { ...report.verifiedFrom, hostname: hostile, addresses: [hostile], platform: hostile, proxy: hostile },
      accounts: [{ ...report.accounts[0]!, name: hostile, checks: [check] }],
    };
    const cleaned = cleanReportText(tampered);
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
    };
    collect(cleaned);
    const forbidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
    expect(strings.filter((text) => forbidden.test(text))).toEqual([]);
    const one = 'a\\x1b]52;c;SGVsbG8=\\x07b\\x00c\\u202ed\\u2066e\\u061cf\\u200fg\\x9bh i j k';
    const many = 'a\\x1b]52;c;SGVsbG8=\\x07b\\x00c\\u202ed\\u2066e\\u061cf\\u200fg\\x9bh\ni\nj\nk';
    const [cleanedCheck] = cleaned.accounts[0]!.checks;
    expect(cleaned.accounts[0]!.name).toBe(one);
    expect(cleaned.verifiedFrom.hostname).toBe(one);
    expect(cleaned.tool.name).toBe(one);
    expect([cleanedCheck!.title, cleanedCheck!.summary, cleanedCheck!.reason, cleanedCheck!.evidence[0]!.label, cleanedCheck!.trace[0]!.text]).toEqual([
      one,
      one,
      one,
      one,
      one,
    ]);
    // A server's multi-line reply and a script keep their lines; a URL is one line.
    expect(cleanedCheck!.evidence[0]!.value).toBe(many);
    expect(cleanedCheck!.remediation.map((step) => [step.text, step.target])).toEqual([
      [one, many],
      [one, one],
    ]);
  });
});
