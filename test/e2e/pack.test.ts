/**
 * `npm pack` gives a package that installs and runs on its own: packed into a temporary folder, installed
 * with `--omit=dev` into an empty project (dependencies come from the npm registry), and run with `npx`:
 * `--version`, `checks`, and a configuration-only `check`. The tarball holds the bundle, the schemas, the
 * annotated example files and the README — no tests, sandbox, sources, source maps or tsc output — and
 * everything the bundle imports is a runtime dependency or part of Node.
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

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let directory: string;
let project: string;
let packed: PackResult;
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'tp-pack-'));
  packed = (JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', directory], { cwd: ROOT, env: npmEnv, encoding: 'utf8' })) as PackResult[])[0]!;
  project = join(directory, 'projeto');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'cliente', version: '1.0.0', private: true }));
  execFileSync(NPM, ['install', '--omit=dev', '--prefer-offline', '--no-package-lock', join(directory, packed.filename)], { cwd: project, env: npmEnv, encoding: 'utf8', timeout: 120_000 });
}, 150_000);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function npx(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(NPX, ['--no', '--', 'tactium-preflight', ...args], {
    cwd: project,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: '1', NO_COLOR: '1', LANG: 'en_US.UTF-8', npm_config_update_notifier: 'false', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm pack', () => {
  it('ships the bundle, the schemas, the example files and the README, and nothing for development', () => {
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'package.json', 'bin/tactium-preflight.js', 'dist/bundle/main.js', 'schemas/config.schema.json', 'schemas/report.schema.json', 'fixtures/office365.example.yaml', 'fixtures/gmail.example.yaml']));
    const clutter = paths.filter((path) => /(^|\/)(test|tests|sandbox|bench|scripts|src|dist-sandbox)\/|\.test\.|\.map$|\.ts$|^dist\/(?!bundle\/)|^fixtures\/(?!.*\.example\.yaml$)/.test(path));
    expect(clutter).toEqual([]);
  });

  it('imports nothing at run time but Node and its runtime dependencies', () => {
    const bundle = join(project, 'node_modules', 'tactium-preflight', 'dist', 'bundle');
    const specifiers = new Set<string>();
    for (const name of readdirSync(bundle).filter((file) => file.endsWith('.js'))) {
      const code = readFileSync(join(bundle, name), 'utf8');
      for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']((?:@[a-z0-9._-]+\/)?[a-z0-9._-]+(?:\/[a-z0-9._\/-]+)?|node:[a-z_/]+)["']/g)) specifiers.add(match[1]!);
    }
    const packages = [...specifiers].filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier)).map((specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!));
    expect(packages.length).toBeGreaterThan(0);
    expect([...new Set(packages)].filter((name) => !(name in manifest.dependencies))).toEqual([]);
    // And the install really went without them.
    for (const development of Object.keys(manifest.devDependencies)) expect([development, existsSync(join(project, 'node_modules', development))]).toEqual([development, false]);
  });

  it('runs from the installed package with npx: --version, checks, and a configuration-only check', () => {
    const version = npx(['--version']);
    expect(version.stdout.trim()).toBe(manifest.version);
    expect(version.code).toBe(0);

    const checks = npx(['checks', '--format', 'json']);
    expect(checks.code).toBe(0);
    expect((JSON.parse(checks.stdout) as Array<{ id: string }>).map((check) => check.id)).toEqual(expect.arrayContaining(['config.smtp-port', 'smtp.auth', 'incoming.auth']));

    const file = join(project, 'cliente.yaml');
    writeFileSync(file, ['version: 1', 'accounts:', '  - name: atendimento', '    provider: office365', '    mailbox: atendimento@contoso.com.br', '    auth:', '      method: password', '      password: ${env:SENHA_DA_CAIXA}', '    outgoing: { port: 465, security: tls }', ''].join('\n'));
    const check = npx(['check', file, '--only', 'config', '--format', 'json'], { SENHA_DA_CAIXA: 'Senha~pack-test-123' });
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { accounts: Array<{ checks: Array<{ id: string; status: string }> }> };
    expect(report.accounts[0]!.checks.find((entry) => entry.id === 'config.smtp-port')!.status).toBe('fail');
    expect(check.stdout + check.stderr).not.toContain('Senha~pack-test-123');

    const broken = npx(['check', join(project, 'nao-existe.yaml')]);
    expect(broken.code).toBe(2);
  });
});
