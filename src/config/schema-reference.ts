import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// This module sits two folders below the package root, as its compiled and bundled forms do (dist/config/,
// dist/bundle/): the schema's URL below is relative to it, so it stays at this depth.

/** Where the published JSON Schema is, as the editor should read it from the file's folder. */
export function schemaReference(file: string): string {
  const schema = fileURLToPath(new URL('../../schemas/config.schema.json', import.meta.url));
  const path = relative(dirname(resolve(file)), schema);
  // Another drive on Windows: only an absolute URL works.
  if (isAbsolute(path)) return pathToFileURL(schema).href;
  const posix = path.split('\\').join('/');
  return posix.startsWith('.') ? posix : `./${posix}`;
}
