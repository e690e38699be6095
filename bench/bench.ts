/**
 * `npm run bench`: the speed and bounds of the built command-line tool, measured in one run on this
 * machine, against its targets (issue 8). Prints a table and exits 1 when a target is missed.
 *
 *   1. cold start: `--version` and `--help` against a bare `node -e ''` (minimum of many runs, interleaved
 *      so that both see the same load);
 *   2. one account, every check that applies to it, against the sandbox's servers behind proxies adding
 *      latency: the run against its critical path (the longest dependency chain, each check counted for the
 *      time it took in that same run) — 1.0 means independent chains overlap perfectly;
 *   3. 100 accounts against 1, same servers and latency, and the peak RSS of the 100-account process;
 *   4. a tarpit and a host that drops SYNs: the whole run ends within the step timeout + 1 s;
 *   5. the wrong security for the port (STARTTLS or none on an implicit-TLS port, implicit TLS on a
 *      plaintext-first one), at the default step timeout: each named within 2 s, while a host that never
 *      speaks still waits the whole timeout (silence alone names nothing).
 *   6. the fleet: a folder of 500 customers' files × 2 accounts (distinct mailboxes), `check <folder>
 *      --concurrency 100`, same servers and latency: wall time and peak RSS of the whole process.
 *
 * The check list comes from the tool itself (`checks --format json`), so checks added later are measured
 * too; checks that do not apply to the sandbox account are listed as not covered.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeFaultServers, startSynDropper, tarpit } from '../standins/fault-servers.js';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.js';
import { startLoadSandbox, type LoadSandbox } from './load-sandbox.js';
import { startMismatchServers, type MismatchServers } from './mismatch-servers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'tactium-preflight.js');
const RSS_PRELOAD = join(ROOT, 'bench', 'max-rss.mjs');
const GUARD = join(ROOT, 'test', 'support', 'network-guard.mjs');

const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const MANY = 100;
const FLEET_FILES = Number(process.env.BENCH_FLEET_FILES ?? 500);
const FLEET_ACCOUNTS_PER_FILE = 2;
const FAULT_TIMEOUT_S = 1;
/** The command line's default `--timeout`, which section 5 runs with (no `--timeout` given). */
const DEFAULT_TIMEOUT_S = 15;
const MISMATCH_TARGET_MS = 2000;

interface Row {
  readonly what: string;
  readonly measured: string;
  readonly target: string;
  readonly ok: boolean | null;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  readonly maxRssKb: number | null;
}

interface CheckInfo {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

interface ReportCheck {
  readonly id: string;
  readonly status: string;
  readonly code: string | null;
  readonly durationMs: number;
}

interface Report {
  readonly durationMs: number;
  readonly accounts: ReadonlyArray<{ readonly name: string; readonly checks: readonly ReportCheck[] }>;
}

const childEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  USERPROFILE: process.env.USERPROFILE,
  SystemRoot: process.env.SystemRoot,
  CI: '1',
  ...extra,
});

function run(nodeArgs: readonly string[], options: { env?: NodeJS.ProcessEnv; inheritEnv?: boolean; rss?: boolean; killAfterMs?: number } = {}): Promise<Run> {
  const directory = options.rss ? mkdtempSync(join(tmpdir(), 'tp-bench-rss-')) : undefined;
  const rssFile = directory ? join(directory, 'rss') : undefined;
  const preload = options.rss ? ['--import', RSS_PRELOAD] : [];
  const extra = { ...options.env, ...(rssFile ? { TACTIUM_BENCH_RSS_FILE: rssFile } : {}) };
  const env = options.inheritEnv ? { ...process.env, CI: '1', ...extra } : childEnv(extra);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...preload, ...nodeArgs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      let maxRssKb: number | null = null;
      if (rssFile && directory) {
        try {
          maxRssKb = Number(readFileSync(rssFile, 'utf8'));
        } catch {
          maxRssKb = null;
        }
        rmSync(directory, { recursive: true, force: true });
      }
      resolve({ code, stdout, stderr, wallMs, maxRssKb });
    });
  });
}

/** Minimum wall time of each command over `runs` rounds, the commands interleaved within a round. */
async function coldStarts(commands: ReadonlyArray<readonly string[]>, runs: number, inheritEnv: boolean): Promise<number[]> {
  const best = commands.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < runs; round++) {
    for (const [index, args] of commands.entries()) {
      const result = await run(args, { inheritEnv });
      if (result.code !== 0) throw new Error(`node ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      best[index] = Math.min(best[index]!, result.wallMs);
    }
  }
  return best;
}

/** The longest dependency chain of one account's run, each check weighted by its own duration. */
function criticalPath(checks: readonly ReportCheck[], catalogue: ReadonlyMap<string, CheckInfo>): { ms: number; chain: string[] } {
  const byId = new Map(checks.map((check) => [check.id, check]));
  const memo = new Map<string, { ms: number; chain: string[] }>();
  const longest = (id: string): { ms: number; chain: string[] } => {
    const known = memo.get(id);
    if (known) return known;
    const own = byId.get(id);
    let best = { ms: 0, chain: [] as string[] };
    for (const dependency of catalogue.get(id)?.dependsOn ?? []) {
      if (!byId.has(dependency)) continue;
      const candidate = longest(dependency);
      if (candidate.ms > best.ms) best = candidate;
    }
    const result = { ms: best.ms + (own?.durationMs ?? 0), chain: [...best.chain, id] };
    memo.set(id, result);
    return result;
  };
  return checks.map((check) => longest(check.id)).reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, chain: [] });
}

function accountYaml(name: string, mailbox: string, incomingPort: number, outgoingPort: number): string[] {
  return [
    `  - name: ${name}`,
    '    provider: imap',
    `    mailbox: ${mailbox}`,
    '    auth: { method: password, password: "${env:BENCH_PASSWORD}" }',
    `    incoming: { protocol: imap, host: 127.0.0.1, port: ${incomingPort}, security: tls }`,
    `    outgoing: { host: 127.0.0.1, port: ${outgoingPort}, security: starttls }`,
  ];
}

function writeConfig(directory: string, name: string, accounts: string[][], caPem?: string): string {
  const lines = ['version: 1', 'accounts:', ...accounts.flat()];
  if (caPem) {
    writeFileSync(join(directory, 'ca.pem'), caPem);
    lines.push('tls:', '  caFile: ./ca.pem');
  }
  const file = join(directory, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function parseReport(result: Run, what: string): Report {
  try {
    return JSON.parse(result.stdout) as Report;
  } catch {
    throw new Error(`${what}: no JSON report (exit ${result.code}): ${result.stderr.slice(0, 2000)}`);
  }
}

const ms = (value: number) => `${Math.round(value)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const mb = (kb: number | null) => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);

/**
 * One account per mix-up, all in one run at the default timeout: each mix-up is timed by the checks that
 * waited for it (incoming.connect + incoming.tls, or smtp.connect). Then a tarpit alone: its greeting
 * timeout must take the whole step timeout.
 */
async function measureMismatches(servers: MismatchServers, directory: string, notes: string[]): Promise<Row[]> {
  const { ports } = servers;
  const kinds: ReadonlyArray<{ what: string; direction: 'incoming' | 'outgoing'; port: number; security: string; code: string }> = [
    { what: 'STARTTLS on an SMTPS port', direction: 'outgoing', port: ports.smtps, security: 'starttls', code: 'STARTTLS_ON_IMPLICIT_TLS_PORT' },
    { what: 'none on an SMTPS port', direction: 'outgoing', port: ports.smtps, security: 'none', code: 'CLEARTEXT_ON_IMPLICIT_TLS_PORT' },
    { what: 'STARTTLS on an IMAPS port', direction: 'incoming', port: ports.imaps, security: 'starttls', code: 'STARTTLS_ON_IMPLICIT_TLS_PORT' },
    { what: 'none on an IMAPS port', direction: 'incoming', port: ports.imaps, security: 'none', code: 'CLEARTEXT_ON_IMPLICIT_TLS_PORT' },
    { what: 'TLS on a plaintext SMTP port', direction: 'outgoing', port: ports.smtpPlain, security: 'tls', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' },
    { what: 'TLS on a plaintext IMAP port', direction: 'incoming', port: ports.imapPlain, security: 'tls', code: 'IMPLICIT_TLS_ON_STARTTLS_PORT' },
    {
      what: 'TLS on a plaintext SMTP port silent to early talkers',
      direction: 'outgoing',
      port: ports.smtpSilentToEarlyTalkers,
      security: 'tls',
      code: 'IMPLICIT_TLS_ON_STARTTLS_PORT',
    },
  ];
  // The side not under test gets the right security for its port: it only has to be a valid account.
  const accounts = kinds.map((kind, index) => {
    const other =
      kind.direction === 'incoming'
        ? `    outgoing: { host: 127.0.0.1, port: ${ports.smtps}, security: tls }`
        : `    incoming: { protocol: imap, host: 127.0.0.1, port: ${ports.imaps}, security: tls }`;
    const tested =
      kind.direction === 'incoming'
        ? `    incoming: { protocol: imap, host: 127.0.0.1, port: ${kind.port}, security: ${kind.security} }`
        : `    outgoing: { host: 127.0.0.1, port: ${kind.port}, security: ${kind.security} }`;
    return [
      `  - name: mix-${index + 1}`,
      '    provider: imap',
      `    mailbox: mix${index + 1}@bench.tactium.test`,
      '    auth: { method: password, password: "${env:BENCH_PASSWORD}" }',
      tested,
      other,
    ];
  });
  const env = { BENCH_PASSWORD: 'mismatch-password-123' };
  const checkArgs = (file: string) => ['--import', GUARD, BIN, 'check', file, '--format', 'json', '--only', 'smtp.connect,incoming.connect,incoming.tls'];
  const report = parseReport(await run(checkArgs(writeConfig(directory, 'mismatch.yaml', accounts)), { env, killAfterMs: 60_000 }), 'mismatches');
  const rows: Row[] = kinds.map((kind, index) => {
    const checks = report.accounts[index]!.checks;
    const ids = kind.direction === 'incoming' ? ['incoming.connect', 'incoming.tls'] : ['smtp.connect'];
    const waited = checks.filter((check) => ids.includes(check.id)).reduce((sum, check) => sum + check.durationMs, 0);
    const named = checks.find((check) => check.code === kind.code);
    return {
      what: `${kind.what}, default --timeout ${DEFAULT_TIMEOUT_S}: named ${kind.code}`,
      measured: named ? ms(waited) : `not named (${checks.map((check) => `${check.id}=${check.code ?? check.status}`).join(', ')})`,
      target: `≤ ${ms(MISMATCH_TARGET_MS)}`,
      ok: named !== undefined && waited <= MISMATCH_TARGET_MS,
    };
  });

  const silentFile = writeConfig(directory, 'silent.yaml', [
    [
      '  - name: silent',
      '    provider: imap',
      '    mailbox: silent@bench.tactium.test',
      '    auth: { method: password, password: "${env:BENCH_PASSWORD}" }',
      `    incoming: { protocol: imap, host: 127.0.0.1, port: ${ports.silent}, security: starttls }`,
      `    outgoing: { host: 127.0.0.1, port: ${ports.silent}, security: starttls }`,
    ],
  ]);
  const silent = parseReport(await run(checkArgs(silentFile), { env, killAfterMs: 60_000 }), 'silent host');
  const connect = silent.accounts[0]!.checks.find((check) => check.id === 'smtp.connect');
  const full = DEFAULT_TIMEOUT_S * 1000;
  rows.push({
    what: `a host that never speaks, default --timeout ${DEFAULT_TIMEOUT_S}: smtp.connect waits the whole timeout`,
    measured: connect ? `${ms(connect.durationMs)} (${connect.code ?? connect.status})` : 'not run',
    target: `≥ ${ms(full)}`,
    ok: connect !== undefined && connect.code === 'GREETING_TIMEOUT' && connect.durationMs >= full - 50,
  });
  notes.push('wrong security: each mix-up is timed by the checks that waited for it (incoming.connect + incoming.tls, or smtp.connect)');
  return rows;
}

async function main(): Promise<number> {
  const rows: Row[] = [];
  const notes: string[] = [];

  // 1. Cold start, in this machine's environment (the target) and in an empty one (for information: variables
  //    such as NODE_EXTRA_CA_CERTS add the same fixed cost to every Node start, which lowers the ratio).
  const entry = statSync(join(ROOT, 'dist', 'cli', 'main.js'), { throwIfNoEntry: false });
  const bundle = statSync(join(ROOT, 'dist', 'bundle', 'main.js'), { throwIfNoEntry: false });
  if (!bundle || (entry && entry.mtimeMs > bundle.mtimeMs))
    notes.push("the bin ran tsc's output, not the bundle (dist/ rebuilt by tsc alone after `npm run build`): start-up figures are not those of the package");
  const inherited = Object.keys(process.env).filter((name) => /^NODE_/.test(name));
  for (const [inheritEnv, label] of [
    [true, `this environment${inherited.length > 0 ? ` (${inherited.join(', ')})` : ''}`],
    [false, 'empty environment'],
  ] as const) {
    const [bare, version, help] = await coldStarts(
      [
        ['-e', ''],
        [BIN, '--version'],
        [BIN, '--help'],
      ],
      STARTUP_RUNS,
      inheritEnv,
    );
    const target = inheritEnv ? '≤ 1.50×' : 'info';
    const within = (value: number) => (inheritEnv ? value <= 1.5 : null);
    rows.push({ what: `cold start, ${label}: node -e '' (min of ${STARTUP_RUNS})`, measured: ms(bare!), target: '', ok: null });
    rows.push({
      what: `cold start, ${label}: --version vs node`,
      measured: `${ms(version!)} = ${ratio(version! / bare!)}`,
      target,
      ok: within(version! / bare!),
    });
    rows.push({ what: `cold start, ${label}: --help vs node`, measured: `${ms(help!)} = ${ratio(help! / bare!)}`, target, ok: within(help! / bare!) });
  }

  const directory = mkdtempSync(join(tmpdir(), 'tp-bench-'));
  let sandbox: LoadSandbox | undefined;
  let mismatch: MismatchServers | undefined;
  const proxies: LatencyProxy[] = [];
  try {
    const catalogueRun = await run([BIN, 'checks', '--format', 'json']);
    const catalogue = new Map((JSON.parse(catalogueRun.stdout) as CheckInfo[]).map((check) => [check.id, check]));

    sandbox = await startLoadSandbox(Math.max(MANY, FLEET_FILES * FLEET_ACCOUNTS_PER_FILE));
    const smtpProxy = await startLatencyProxy(sandbox.ports.smtp, LATENCY_MS);
    const imapProxy = await startLatencyProxy(sandbox.ports.imap, LATENCY_MS);
    proxies.push(smtpProxy, imapProxy);
    const env = { BENCH_PASSWORD: sandbox.password };
    const single = writeConfig(directory, 'one.yaml', [accountYaml('caixa-001', sandbox.mailboxes[0]!, imapProxy.port, smtpProxy.port)], sandbox.caPem);
    const many = writeConfig(
      directory,
      'many.yaml',
      sandbox.mailboxes
        .slice(0, MANY)
        .map((mailbox, index) => accountYaml(`caixa-${String(index + 1).padStart(3, '0')}`, mailbox, imapProxy.port, smtpProxy.port)),
      sandbox.caPem,
    );
    const checkArgs = (file: string, extra: string[] = []) => ['--import', GUARD, BIN, 'check', file, '--format', 'json', '--timeout', '10', ...extra];

    // 2. One account: parallel chains against the critical path (best of two runs).
    const singles = [await run(checkArgs(single), { env, rss: true }), await run(checkArgs(single), { env, rss: true })];
    const best = singles.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const report = parseReport(best, 'one account');
    const checks = report.accounts[0]!.checks;
    const ran = checks.filter((check) => check.status !== 'skip');
    const broken = checks.filter(
      (check) => check.status === 'fail' || check.status === 'error' || (check.status === 'skip' && check.code !== 'NOT_APPLICABLE'),
    );
    if (broken.length > 0) {
      notes.push(
        `one account: not every check passed, so the figures are not meaningful: ${broken.map((check) => `${check.id}=${check.status}${check.code ? ` (${check.code})` : ''}`).join(', ')}`,
      );
    }
    const path = criticalPath(ran, catalogue);
    const parallel = report.durationMs / path.ms;
    const sequential = ran.reduce((sum, check) => sum + check.durationMs, 0);
    rows.push({
      what: `1 account, ${ran.length} checks, +${LATENCY_MS} ms each way: run vs critical path`,
      measured: `${ms(report.durationMs)} vs ${ms(path.ms)} = ${ratio(parallel)}`,
      target: '≤ 1.30×',
      ok: parallel <= 1.3 && broken.length === 0,
    });
    notes.push(`critical path: ${path.chain.join(' → ')}; all checks one after another would take ${ms(sequential)}`);
    const uncovered = [...catalogue.keys()].filter((id) => !ran.some((check) => check.id === id));
    if (uncovered.length > 0) notes.push(`not applicable to the sandbox account, so not measured: ${uncovered.join(', ')}`);

    // 3. 100 accounts against 1.
    const hundred = await run(checkArgs(many, ['--concurrency', String(MANY)]), { env, rss: true });
    const manyReport = parseReport(hundred, `${MANY} accounts`);
    const manyBroken = manyReport.accounts.flatMap((account) =>
      account.checks
        .filter((check) => check.status === 'fail' || check.status === 'error')
        .map((check) => `${account.name}/${check.id}=${check.code ?? check.status}`),
    );
    if (manyBroken.length > 0) notes.push(`${MANY} accounts: ${manyBroken.length} checks did not pass: ${manyBroken.slice(0, 5).join(', ')}…`);
    const scale = hundred.wallMs / best.wallMs;
    rows.push({
      what: `${MANY} accounts (--concurrency ${MANY}) vs 1, whole process`,
      measured: `${ms(hundred.wallMs)} vs ${ms(best.wallMs)} = ${ratio(scale)}`,
      target: '≤ 3.00×',
      ok: scale <= 3 && manyBroken.length === 0,
    });
    rows.push({
      what: `${MANY} accounts: peak RSS (1 account: ${mb(best.maxRssKb)})`,
      measured: mb(hundred.maxRssKb),
      target: '≤ 200 MB',
      ok: hundred.maxRssKb !== null && hundred.maxRssKb <= 200 * 1024,
    });
    notes.push(`${MANY} accounts: ${smtpProxy.connections() + imapProxy.connections()} connections through the proxies in all`);

    // 5. The fleet: one folder, one run, one report (before the fault servers, which stay up until the end).
    const fleetDirectory = join(directory, 'clientes');
    mkdirSync(fleetDirectory);
    for (let file = 0; file < FLEET_FILES; file++) {
      const accounts = Array.from({ length: FLEET_ACCOUNTS_PER_FILE }, (_, index) => {
        const mailbox = sandbox!.mailboxes[file * FLEET_ACCOUNTS_PER_FILE + index]!;
        return accountYaml(index === 0 ? 'atendimento' : `caixa-${index + 1}`, mailbox, imapProxy.port, smtpProxy.port);
      });
      writeConfig(fleetDirectory, `cliente-${String(file + 1).padStart(3, '0')}.yaml`, accounts, sandbox.caPem);
    }
    const before = smtpProxy.connections() + imapProxy.connections();
    const fleet = await run(checkArgs(fleetDirectory, ['--concurrency', String(MANY)]), { env, rss: true, killAfterMs: 600_000 });
    const fleetReport = parseReport(fleet, 'fleet');
    const fleetAccounts = FLEET_FILES * FLEET_ACCOUNTS_PER_FILE;
    const fleetBroken = fleetReport.accounts.flatMap((account) =>
      account.checks
        .filter((check) => check.status === 'fail' || check.status === 'error')
        .map((check) => `${account.name}/${check.id}=${check.code ?? check.status}`),
    );
    if (fleetReport.accounts.length !== fleetAccounts) notes.push(`fleet: ${fleetReport.accounts.length} accounts reported, ${fleetAccounts} expected`);
    if (fleetBroken.length > 0) notes.push(`fleet: ${fleetBroken.length} checks did not pass: ${fleetBroken.slice(0, 5).join(', ')}…`);
    const fleetOk = fleetBroken.length === 0 && fleetReport.accounts.length === fleetAccounts;
    rows.push({
      what: `fleet: ${FLEET_FILES} files × ${FLEET_ACCOUNTS_PER_FILE} accounts (--concurrency ${MANY}), whole process`,
      measured: ms(fleet.wallMs),
      target: '≤ 15000 ms',
      ok: fleet.wallMs <= 15_000 && fleetOk,
    });
    rows.push({ what: `fleet: peak RSS`, measured: mb(fleet.maxRssKb), target: '≤ 300 MB', ok: fleet.maxRssKb !== null && fleet.maxRssKb <= 300 * 1024 });
    notes.push(
      `fleet: ${smtpProxy.connections() + imapProxy.connections() - before} connections through the proxies; JSON report ${(fleet.stdout.length / 1e6).toFixed(1)} MB`,
    );

    // 4. A tarpit, and a host that drops SYNs (Linux: a full accept queue; elsewhere not reproducible on loopback).
    const faults: Array<[string, () => Promise<{ port: number }>]> = [['tarpit (accepts, never speaks)', tarpit]];
    if (process.platform === 'linux') faults.push(['dropped SYN (full accept queue)', startSynDropper]);
    else notes.push('dropped SYN: only reproducible on Linux loopback; not measured here');
    for (const [label, start] of faults) {
      const server = await start();
      const file = writeConfig(directory, `fault-${server.port}.yaml`, [accountYaml('parada', 'parada@bench.tactium.test', server.port, server.port)]);
      const result = await run(checkArgs(file, ['--timeout', String(FAULT_TIMEOUT_S)]), { env: { BENCH_PASSWORD: 'fault-password-123' }, killAfterMs: 30_000 });
      const faultReport = parseReport(result, label);
      const failed = faultReport.accounts[0]!.checks.filter((check) => check.status === 'fail').map(
        (check) => `${check.id}=${check.code} in ${ms(check.durationMs)}`,
      );
      notes.push(`${label}: ${failed.join(', ')}`);
      const budget = (FAULT_TIMEOUT_S + 1) * 1000;
      rows.push({
        what: `${label}, --timeout ${FAULT_TIMEOUT_S}: whole process`,
        measured: ms(result.wallMs),
        target: `≤ ${ms(budget)}`,
        ok: result.wallMs <= budget && failed.length > 0 && result.code === 1,
      });
    }

    // 5. The wrong security for the port, at the default step timeout.
    mismatch = await startMismatchServers();
    rows.push(...(await measureMismatches(mismatch, directory, notes)));
  } finally {
    await mismatch?.close();
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await sandbox?.close();
    await closeFaultServers();
    rmSync(directory, { recursive: true, force: true });
  }

  const widths = [
    Math.max(...rows.map((row) => row.what.length)),
    Math.max(...rows.map((row) => row.measured.length)),
    Math.max(...rows.map((row) => row.target.length)),
  ];
  const line = (cells: string[]) => `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 2)).join(' | ')} |`;
  process.stdout.write(`\ntactium-preflight bench — node ${process.version}, ${process.platform}/${process.arch}\n\n`);
  process.stdout.write(`${line(['what', 'measured', 'target', 'ok'])}\n`);
  process.stdout.write(`${line(widths.map((width) => '-'.repeat(width)).concat('--'))}\n`);
  for (const row of rows) process.stdout.write(`${line([row.what, row.measured, row.target, row.ok === null ? '' : row.ok ? 'ok' : 'MISSED'])}\n`);
  process.stdout.write(`\n${notes.map((note) => `- ${note}`).join('\n')}\n`);
  const missed = rows.filter((row) => row.ok === false);
  process.stdout.write(missed.length === 0 ? '\nEvery target met.\n' : `\n${missed.length} target(s) missed.\n`);
  return missed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
