import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('src/providers is a leaf layer', () => {
  it('imports nothing at run time, and only types from config, i18n and the core message type', () => {
    const src = dirname(here);
    const imports = sources(here).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)].map((match) => ({
        file: relative(src, file),
        typeOnly: Boolean(match[1]),
        target: match[2]!.startsWith('.') ? relative(src, resolve(dirname(file), match[2]!)) : match[2]!,
      })),
    );
    const allowed = (entry: (typeof imports)[number]): boolean =>
      entry.target.startsWith('providers/') ||
      (entry.typeOnly && (entry.target === 'config/types.js' || entry.target === 'i18n/index.js' || entry.target === 'core/message.js'));
    expect(imports.filter((entry) => !allowed(entry))).toEqual([]);
    expect(imports.length).toBeGreaterThan(0);
  });
});
