// Writes the published JSON Schemas (config file and JSON report) from the built code, so that the
// files in schemas/ always come from the same zod source as the validator.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { configJsonSchema } = await import('../dist/config/json-schema.js');
const { reportJsonSchema } = await import('../dist/report/report-schema.js');
mkdirSync(join(root, 'schemas'), { recursive: true });
writeFileSync(join(root, 'schemas', 'config.schema.json'), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
writeFileSync(join(root, 'schemas', 'report.schema.json'), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
