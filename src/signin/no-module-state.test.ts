/**
 * A sign-in's state lives in the `SignIn` the CLI prepares and passes to the run (`Services.signIns`), never
 * in a module: a module-level variable or map is shared by every run of the process (tests, an embedder) and
 * is how the interaction and the results once leaked from one run into the next.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['signin', 'checks/shared', 'core'];
const MODULE_STATE = /^(?:export\s+)?(?:let\s+\w+|const\s+\w+(?::[^=]+)?\s*=\s*new\s+(?:Weak)?(?:Map|Set)\b)/m;

describe('sign-in state', () => {
  it.each(FOLDERS)('is kept in no module-level variable or map in src/%s', (folder) => {
    const offenders = readdirSync(join(SRC, folder))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => MODULE_STATE.test(readFileSync(join(SRC, folder, name), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('recognises what it forbids', () => {
    expect(MODULE_STATE.test('let configured: SignInInteraction | undefined;')).toBe(true);
    expect(MODULE_STATE.test('const results = new WeakMap<Account, GoogleSignIn>();')).toBe(true);
    expect(MODULE_STATE.test('  readonly #results = new Map<Account, GoogleSignIn>();')).toBe(false);
  });
});
