/**
 * The package a field technician installs: packed from a FRESH CLONE of this repository (HEAD, so commit
 * before running this test locally) — no dist/, no node_modules — where `npm ci` installs the build tools
 * and `npm pack` builds through the `prepack` script; then installed with `npm install -g --prefix` into an
 * empty prefix (runtime dependencies only, from the npm cache or registry), and the installed command run
 * from another folder: `--version`, `checks`, and a configuration-only `check`; and the clone itself put on
 * the PATH with `npm link` (into another empty prefix), the README's other way. The tarball holds the
 * bundle, the schemas, the annotated example files and the README — no tests, sandbox, sources, source maps
 * or tsc output — and everything the bundle imports is a runtime dependency or part of Node.
 * Time: about a minute on a quiet machine; every step has its own limit, and they add up to under 3 minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/run-cli.js';

interface PackResult {
  readonly filename: string;
  readonly files: ReadonlyArray<{ readonly path: string }>;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const WINDOWS = process.platform === 'win32';
const NPM = WINDOWS ? 'npm.cmd' : 'npm';

let directory: string;
let clone: string;
let prefix: string;
let installed: string;
let field: string;
let packed: PackResult;
let cloneHadDist = true;
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };
const quiet = { env: npmEnv, encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'], shell: WINDOWS };

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-pack-'));
  clone = join(directory, 'clone');
  execFileSync('git', ['clone', '--quiet', ROOT, clone], { ...quiet, timeout: 15_000 });
  cloneHadDist = existsSync(join(clone, 'dist'));
  // The build tools (tsc, esbuild) are devDependencies; the cache `npm ci` filled for this checkout has them.
  execFileSync(NPM, ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { ...quiet, cwd: clone, timeout: 180_000 });
  // --json keeps the lifecycle scripts' output (prepack's build) on stderr.
  packed = (JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', directory], { ...quiet, cwd: clone, timeout: 180_000 })) as PackResult[])[0]!;
  prefix = join(directory, 'prefix');
  execFileSync(NPM, ['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', join(directory, packed.filename)], {
    ...quiet,
    cwd: directory,
    timeout: 120_000,
  });
  installed = WINDOWS ? join(prefix, 'node_modules', 'tactium-preflight') : join(prefix, 'lib', 'node_modules', 'tactium-preflight');
  field = join(directory, 'campo');
  mkdirSync(field);
}, 500_000);

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** The installed command, as the technician types it, from a folder that is neither the clone nor the prefix. */
function installedCommand(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const command = WINDOWS ? join(prefix, 'tactium-preflight.cmd') : join(prefix, 'bin', 'tactium-preflight');
  const result = spawnSync(command, args, {
    cwd: field,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', NO_COLOR: '1', LANG: 'en_US.UTF-8', ...env },
    encoding: 'utf8',
    timeout: 30_000,
    shell: WINDOWS,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm pack', () => {
  it('builds in a fresh clone (prepack) and ships the bundle, the schemas, the example files and the README, and nothing for development', () => {
    expect(cloneHadDist).toBe(false);
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'README.md',
        'package.json',
        'bin/tactium-preflight.js',
        'dist/bundle/main.js',
        'schemas/config.schema.json',
        'schemas/report.schema.json',
        'fixtures/office365.example.yaml',
        'fixtures/gmail.example.yaml',
      ]),
    );
    const clutter = paths.filter((path) =>
      /(^|\/)(test|tests|sandbox|bench|scripts|src|dist-sandbox)\/|\.test\.|\.map$|\.ts$|^dist\/(?!bundle\/)|^fixtures\/(?!.*\.example\.yaml$)/.test(path),
    );
    expect(clutter).toEqual([]);
  });

  it('imports nothing at run time but Node and its runtime dependencies', () => {
    const bundle = join(installed, 'dist', 'bundle');
    const specifiers = new Set<string>();
    for (const name of readdirSync(bundle).filter((file) => file.endsWith('.js'))) {
      const code = readFileSync(join(bundle, name), 'utf8');
      for (const match of code.matchAll(
        /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']((?:@[a-z0-9._-]+\/)?[a-z0-9._-]+(?:\/[a-z0-9._/-]+)?|node:[a-z_/]+)["']/g,
      ))
        specifiers.add(match[1]!);
    }
    const packages = [...specifiers]
      .filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier))
      .map((specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!));
    expect(packages.length).toBeGreaterThan(0);
    expect([...new Set(packages)].filter((name) => !(name in manifest.dependencies))).toEqual([]);
    // And the install really went without them.
    for (const development of Object.keys(manifest.devDependencies))
      expect([development, existsSync(join(installed, 'node_modules', development))]).toEqual([development, false]);
  });

  it('runs as the installed command from another folder: --version, checks, and a configuration-only check', () => {
    const version = installedCommand(['--version']);
    expect(version.stdout.trim()).toBe(manifest.version);
    expect(version.code).toBe(0);

    const checks = installedCommand(['checks', '--format', 'json']);
    expect(checks.code).toBe(0);
    expect((JSON.parse(checks.stdout) as Array<{ id: string }>).map((check) => check.id)).toEqual(
      expect.arrayContaining(['config.smtp-port', 'smtp.auth', 'incoming.auth']),
    );

    const file = join(field, 'cliente.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'accounts:',
        '  - name: atendimento',
        '    provider: office365',
        '    mailbox: atendimento@contoso.com.br',
        '    auth:',
        '      method: password',
        '      password: ${env:SENHA_DA_CAIXA}',
        '    outgoing: { port: 465, security: tls }',
        '',
      ].join('\n'),
    );
    const check = installedCommand(['check', 'cliente.yaml', '--only', 'config', '--format', 'json'], { SENHA_DA_CAIXA: 'Senha~pack-test-123' });
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { accounts: Array<{ checks: Array<{ id: string; status: string }> }> };
    expect(report.accounts[0]!.checks.find((entry) => entry.id === 'config.smtp-port')!.status).toBe('fail');
    expect(check.stdout + check.stderr).not.toContain('Senha~pack-test-123');

    const broken = installedCommand(['check', 'nao-existe.yaml']);
    expect(broken.code).toBe(2);
  });

  it("runs from the clone through `npm link` too (the README's other way; the clone was built by prepack)", () => {
    const linked = join(directory, 'link-prefix');
    execFileSync(NPM, ['link'], { ...quiet, cwd: clone, env: { ...npmEnv, npm_config_prefix: linked }, timeout: 30_000 });
    const command = WINDOWS ? join(linked, 'tactium-preflight.cmd') : join(linked, 'bin', 'tactium-preflight');
    const result = spawnSync(command, ['--version'], {
      cwd: field,
      env: { PATH: process.env.PATH, CI: '1' },
      encoding: 'utf8',
      timeout: 30_000,
      shell: WINDOWS,
    });
    expect([result.stdout.trim(), result.status]).toEqual([manifest.version, 0]);
  }, 40_000);
});
