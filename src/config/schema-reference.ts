import { CONFIG_SCHEMA_ID } from './json-schema.js';

/**
 * The JSON Schema beside the YAML that `init` writes, and the modeline pointing at it. A path into the
 * install folder (a global prefix, an `npx` cache, another drive) breaks as soon as the file is mailed,
 * committed or opened on another machine; a file beside it travels with it, and the relative reference
 * (resolved against the YAML's own folder by the YAML language server,
 * https://github.com/redhat-developer/yaml-language-server#using-inlined-schema) keeps working.
 */
export const SCHEMA_FILE = 'tactium-preflight.schema.json';

/** The modeline's `$schema=` value. */
export function schemaReference(): string {
  return `./${SCHEMA_FILE}`;
}

/**
 * What to do with the schema file already beside the YAML: nothing when it is this schema; replace it when
 * it is another version of ours (same `$id`); leave a file of someone else's alone.
 */
export function schemaFileAction(existing: string | undefined, current: string): 'write' | 'keep' | 'foreign' {
  if (existing === undefined) return 'write';
  if (existing === current) return 'keep';
  try {
    const data = JSON.parse(existing.replace(/^\uFEFF/, '')) as { $id?: unknown };
    return data.$id === CONFIG_SCHEMA_ID ? 'write' : 'foreign';
  } catch {
    return 'foreign';
  }
}
