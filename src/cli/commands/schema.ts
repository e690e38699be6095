import { configJsonSchema } from '../../config/json-schema.js';
import { reportJsonSchema } from '../../report/report-schema.js';

/** `tactium-preflight schema`: the JSON Schema of the YAML file (or, with --report, of the JSON report). */
export function renderSchema(which: 'config' | 'report'): string {
  const schema = which === 'report' ? reportJsonSchema() : configJsonSchema();
  return `${JSON.stringify(schema, null, 2)}\n`;
}
