import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { loadConfig, type LoadOptions } from '../../config/load/index.js';
import type { PreflightConfig } from '../../config/types.js';
import { ConfigError, UsageError } from '../../errors/index.js';
import { msg } from '../../i18n/index.js';
import type { ReportedConfigError } from '../../report/model.js';

/** A configuration file of the run: where it is, the name its accounts carry, and what loading it gave. */
export interface LoadedFile {
  readonly path: string;
  /** `acme.yaml`; the relative path instead when two files of the run share a name. */
  readonly source: string;
  readonly config?: PreflightConfig;
  readonly error?: ReportedConfigError;
}

const YAML_FILE = /\.ya?ml$/i;

/**
 * The files the arguments name: a file as given, a folder as every `*.yaml` / `*.yml` directly in it,
 * sorted by name so that two runs list the customers in the same order. A folder without one is a usage
 * error. `several` says whether the accounts are named `file:account` (more than one file, or a folder).
 */
export function expandConfigArguments(args: readonly string[]): { files: string[]; several: boolean } {
  const files: string[] = [];
  let folder = false;
  for (const arg of args) {
    let isFolder = false;
    try {
      isFolder = statSync(arg).isDirectory();
    } catch {
      // Missing or unreadable: loading it reports that, with the file's name, like any other configuration error.
    }
    if (!isFolder) {
      files.push(arg);
      continue;
    }
    folder = true;
    const found = readdirSync(arg, { withFileTypes: true })
      .filter((entry) => !entry.isDirectory() && YAML_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => join(arg, name));
    if (found.length === 0) throw new UsageError(msg('cli.check.emptyFolder', { folder: arg }));
    files.push(...found);
  }
  // The same file named twice (a file and its folder) is checked once.
  const seen = new Set<string>();
  const unique = files.filter((file) => {
    const key = resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files: unique, several: folder || unique.length > 1 };
}

/** The file as the user would type it: relative when inside the working folder. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const shown = relative(cwd, resolve(file));
  return shown.length > 0 && !shown.startsWith('..') && !isAbsolute(shown) ? shown : file;
}

/**
 * Loads every file; one with a configuration error does not stop the others: it comes back with `error`
 * (issues located with the file as the user typed it) instead of `config`.
 */
export async function loadConfigFiles(files: readonly string[], options: LoadOptions): Promise<LoadedFile[]> {
  const names = files.map((file) => basename(file));
  const loaded: LoadedFile[] = [];
  for (const [index, path] of files.entries()) {
    const name = names[index]!;
    const source = names.indexOf(name) !== names.lastIndexOf(name) ? displayPath(path) : name;
    try {
      loaded.push({ path, source, config: await loadConfig(path, options) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      loaded.push({ path, source, error: { source, issues: error.issues.map((issue) => ({ ...issue, file: displayPath(issue.file) })) } });
    }
  }
  return loaded;
}
