import { z } from 'zod';
import { rulesAsJsonSchema } from './rules.js';
import { configSchema } from './schema.js';

export const CONFIG_SCHEMA_ID = 'https://tactium.com.br/schemas/tactium-preflight/config.schema.json';

/**
 * The JSON Schema (draft 2020-12) of the YAML file, printed by `tactium-preflight schema` and referenced by
 * `# yaml-language-server: $schema=…`: zod's own conversion of `schema.ts` plus the cross-field rules of
 * `rules.ts` as `if`/`then` clauses on each account — the same sources the loader validates with.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated: Record<string, unknown> = { ...z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' }) };
  const { $schema, ...rest } = generated;
  const schema: Record<string, unknown> = {
    $schema: $schema ?? 'https://json-schema.org/draft/2020-12/schema',
    $id: CONFIG_SCHEMA_ID,
    title: 'tactium-preflight configuration (version 1)',
    ...rest,
  };
  const account = accountSchemaOf(schema);
  account.allOf = [...(Array.isArray(account.allOf) ? account.allOf : []), ...rulesAsJsonSchema()];
  return schema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function accountSchemaOf(schema: Record<string, unknown>): Record<string, unknown> {
  const accounts = isRecord(schema.properties) ? schema.properties.accounts : undefined;
  const items = isRecord(accounts) ? accounts.items : undefined;
  if (!isRecord(items)) throw new Error('json-schema: zod did not inline the account schema under properties.accounts.items');
  return items;
}
