/**
 * The README's commands work as written: every `tactium-preflight …` line of its code blocks (shell and
 * the CI workflow) parses — a known command, known options, valid values — and those that need neither a
 * person at a terminal nor the customer's servers run for real, in the order shown, against the demo's
 * loopback sandbox with its healthy account standing for `cliente.yaml`. The set-up lines name scripts
 * package.json has, the tarball is this version's, and no code block runs `npx` (the package is not
 * published: a note says when it will work).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { Command, CommanderError } from 'commander';
import { renderCatalog } from '../../src/cli/commands/checks.js';
import { buildProgram } from '../../src/cli/program.js';
import { createTranslator } from '../../src/i18n/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/servers.js';
import { SCREENSHOTS, comparable, screenshotBlock, takeScreenshots } from '../../sandbox/screenshots.js';
import { ROOT, runCli } from '../support/run-cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

/** Every line of every fenced code block, a YAML `- run: ` prefix removed. */
const codeLines = [...readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].flatMap((block) =>
  block[1]!.split('\n').map((line) => line.trim().replace(/^- run:\s+/, '')),
);

interface ReadmeCommand {
  readonly line: string;
  readonly args: string[];
  /** `> file` after the command: where its standard output goes. */
  readonly redirect?: string;
}

/** The `tactium-preflight …` lines, without their comments, split as a shell would (they hold no quotes). */
const commands: ReadmeCommand[] = codeLines
  .filter((line) => /^tactium-preflight(\s|$)/.test(line))
  .map((line) => {
    const bare = line.replace(/\s+#.*$/, '').trim();
    const redirect = /\s>\s*(\S+)$/.exec(bare);
    const words = (redirect ? bare.slice(0, redirect.index) : bare).split(/\s+/).slice(1);
    return { line, args: words, ...(redirect ? { redirect: redirect[1]! } : {}) };
  });

/** Parses with the real commander program, every command's action replaced by a recorder. */
async function parse(args: string[]): Promise<{ command: string; operands: unknown[] } | { error: string }> {
  const program = buildProgram({
    t: createTranslator('en'),
    chalk: null,
    symbols: 'ascii',
    interactive: false,
    signal: new AbortController().signal,
    onLongRunning: () => undefined,
    setExitCode: () => undefined,
  });
  let parsed: { command: string; operands: unknown[] } = { command: '(none)', operands: [] };
  for (const command of program.commands)
    command.action(
      (...operands: unknown[]) => void (parsed = { command: command.name(), operands: operands.filter((operand) => !(operand instanceof Command)) }),
    );
  for (const command of [program, ...program.commands]) command.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  try {
    await program.parseAsync(args, { from: 'user' });
    return parsed;
  } catch (error) {
    // --version and --help end through exitOverride with exit code 0: they parsed.
    if (error instanceof CommanderError && error.exitCode === 0) return { command: args.join(' '), operands: [] };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

describe('README', () => {
  it('carries the current check catalogue (run `npm run readme` after adding a check)', () => {
    const block = /<!-- checks:start -->\n([\s\S]*?)<!-- checks:end -->/.exec(readme)?.[1];
    expect(block).toBe(renderCatalog('markdown', createTranslator('en')));
  });

  it("shows text screenshots of a healthy and a broken account that match the tool's output (run `npm run readme` after changing the report)", async () => {
    const shots = await takeScreenshots();
    for (const { marker } of SCREENSHOTS) {
      const block = new RegExp(`<!-- ${marker}:start -->\\n([\\s\\S]*?)<!-- ${marker}:end -->`).exec(readme)?.[1];
      expect([marker, block === undefined ? undefined : comparable(block)]).toEqual([marker, comparable(screenshotBlock(shots[marker]))]);
    }
    // The healthy one opens with its verdict; the broken one says what to fix.
    expect(shots['screenshot-healthy']).toMatch(/^saudavel · IMAP\/POP3 \+ SMTP · ✔ ready/);
    expect(shots['screenshot-broken']).toMatch(/^gmail-erros · Gmail \/ Google Workspace · ✖ not ready[\s\S]*How to fix/);
  }, 60_000);

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });

  it('installs the way the package can be installed today: clone + build + link, or a tarball of this version', () => {
    expect(codeLines).toEqual(expect.arrayContaining(['npm ci && npm run build', 'tactium-preflight --version']));
    expect(codeLines.some((line) => line.startsWith('npm link'))).toBe(true);
    // `npm pack` builds through prepack: a tarball made in a fresh clone carries dist/ (test/e2e/pack.test.ts).
    expect(manifest.scripts.prepack).toBe('npm run build');
    expect(codeLines.some((line) => line.startsWith('npm ci && npm pack'))).toBe(true);
    const tarballs = [...readme.matchAll(/tactium-preflight-(\d[^\s`]*?)\.tgz/g)].map((match) => match[1]);
    expect(tarballs.length).toBeGreaterThan(0);
    expect([...new Set(tarballs)]).toEqual([manifest.version]);
    // Every `npm run <script>` shown exists.
    const scripts = [...codeLines.join('\n').matchAll(/\bnpm run ([\w:-]+)/g)].map((match) => match[1]!);
    expect(scripts.filter((script) => !(script in manifest.scripts))).toEqual([]);
  });

  it('gives a CI workflow that is valid YAML and installs the tool before running it', () => {
    const block = /^```yaml\n(# \.github\/workflows\/[\s\S]*?)^```$/m.exec(readme)?.[1];
    expect(block).toBeDefined();
    const workflow = parseYaml(block!) as { jobs: Record<string, { steps: Array<{ run?: string }> }> };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    const install = runs.findIndex((run) => /\bnpm (link|install -g)\b/.test(run));
    const check = runs.findIndex((run) => run.startsWith('tactium-preflight check'));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(check).toBeGreaterThan(install);
  });

  it('runs no npx in its code blocks: the package is not on the registry', () => {
    expect(codeLines.filter((line) => /\bnpx\b/.test(line))).toEqual([]);
    expect(commands.length).toBeGreaterThanOrEqual(14);
  });

  it('shows only tactium-preflight command lines that parse: known commands, options and values', async () => {
    expect(commands.length).toBeGreaterThanOrEqual(14);
    const known = new Set(['check', 'checks', 'init', 'report', 'schema']);
    for (const { line, args } of commands) {
      const result = await parse(args);
      expect([line, 'error' in result ? result.error : 'parsed']).toEqual([line, 'parsed']);
      if (!('error' in result) && !args[0]!.startsWith('-')) expect([line, known.has(result.command)]).toEqual([line, true]);
    }
    // The parser is strict: a misspelt option or value in the README would fail the loop above.
    expect(await parse(['check', 'cliente.yaml', '--formt', 'json'])).toHaveProperty('error');
    expect(await parse(['check', 'cliente.yaml', '--format', 'yaml'])).toHaveProperty('error');
    expect(await parse(['chek', 'cliente.yaml'])).toHaveProperty('error');
  });

  describe('against the sandbox', () => {
    let sandbox: Sandbox;
    let field: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      sandbox = await startSandbox();
      field = mkdtempSync(join(tmpdir(), 'tp-readme-'));
      // The demo's healthy account, on the sandbox's ports, is the README's cliente.yaml (and the CI example's file).
      const document = parseDocument(readFileSync(join(ROOT, 'fixtures', 'demo.yaml'), 'utf8'));
      const accounts = document.get('accounts') as { items: unknown[] };
      const healthy = accounts.items.findIndex((_item, index) => document.getIn(['accounts', index, 'name']) === 'saudavel');
      accounts.items = [accounts.items[healthy]];
      document.setIn(['accounts', 0, 'incoming', 'port'], sandbox.ports.imapValid);
      document.setIn(['accounts', 0, 'outgoing', 'port'], sandbox.ports.smtpStarttls);
      // dns.mx asks the sandbox's DNS (its MX at the company's own server), never the system's.
      document.setIn(['accounts', 0, 'endpoints', 'dns'], sandbox.dns.own);
      writeFileSync(join(field, 'sandbox-ca.pem'), sandbox.caPem);
      document.setIn(['tls', 'caFile'], './sandbox-ca.pem');
      writeFileSync(join(field, 'cliente.yaml'), document.toString());
      mkdirSync(join(field, 'clientes'));
      document.setIn(['tls', 'caFile'], '../sandbox-ca.pem');
      writeFileSync(join(field, 'clientes', 'contoso.yaml'), document.toString());
      env = { DEMO_MAILBOX_PASSWORD: sandbox.users.healthy.password };
    }, 30_000);

    afterAll(async () => {
      await sandbox?.close();
      if (field) rmSync(field, { recursive: true, force: true });
    });

    it('runs every command that needs no person at a terminal, in the order shown, each exiting 0', async () => {
      // init asks questions, and --login signs a person in: both refuse without a terminal (exit 2), as documented.
      const runnable = commands.filter(({ args }) => args[0] !== 'init' && !args.includes('--login') && !args.includes('--show-refresh-token'));
      expect(runnable.length).toBeGreaterThanOrEqual(10);
      for (const { line, args, redirect } of runnable) {
        const result = await runCli(args, { cwd: field, env, timeoutMs: 60_000 });
        expect([line, result.code, result.code === 0 ? '' : result.stderr]).toEqual([line, 0, '']);
        if (redirect) writeFileSync(join(field, redirect), result.stdout);
        expect(result.stdout + result.stderr).not.toContain(sandbox.users.healthy.password);
      }
      // What the lines promise to write is there: the JSON reports, the sheets, the JUnit file and the schema.
      for (const file of ['preflight.json', 'resultado.json', 'ficha.html', 'ficha.md', 'preflight.xml', 'tactium-preflight.schema.json']) {
        expect([file, readFileSync(join(field, file), 'utf8').length > 0]).toEqual([file, true]);
      }
    }, 240_000);
  });
});
