import { describe, expect, it } from '@jest/globals';
import Ajv2020 from 'ajv/dist/2020.js';
import { createTranslator } from '../i18n/index.js';
import { renderJson } from './json.js';
import { REPORT_SCHEMA_ID, reportJsonSchema, reportSchema } from './report-schema.js';
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

  it('is the same contract as the zod schema that can read a saved report back', () => {
    const report = rendered();
    expect(reportSchema.safeParse(report).success).toBe(true);
    delete firstCheck(report).trace;
    expect(reportSchema.safeParse(report).success).toBe(false);
  });
});
