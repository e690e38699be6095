/**
 * `npm run fuzz`: 10 000 generated and mutated configuration files through `check`, in this process, by the
 * same `main(argv)` the bin calls (10 000 process starts would take half an hour). The promise under test:
 * the tool never crashes — no exit 3, no stack trace, no hang — and each file either exits 2 with a located
 * message (file:line:column) or runs and prints its report. Generators and verdict: scripts/config-fuzz.ts
 * (test/e2e/fuzz.test.ts runs a few dozen of the same cases through the real bin).
 *
 *   npm run fuzz                       # 10 000 cases, a fresh seed (printed)
 *   npm run fuzz -- --runs 500 --seed 42
 *
 * Failing cases are written to <tmpdir>/tactium-fuzz-failures/, and their recipes printed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const RUNS = Number(option('--runs', '10000'));
const SEED = Number(option('--seed', String(Date.now() % 2_147_483_647)));
const CASE_LIMIT_MS = 20_000;

const fc = (await import('fast-check')).default;
const { fuzzCaseArbitrary, judge, judgeJson, loadFuzzSeeds, FUZZ_ENV } = await import('../dist-sandbox/scripts/config-fuzz.js');

// The environment of a non-interactive run (no secret prompt), with the variables the seeds reference.
Object.assign(process.env, FUZZ_ENV, { CI: '1', NO_COLOR: '1' });
delete process.env.FORCE_COLOR;
// The bin's own entry (tsc's build of src/cli/main.ts; the bundle is the same code), and the redactor of the
// same module graph: each case starts with no secret registered, as a fresh process would.
const { main } = await import('../dist/cli/main.js');
const { resetRedactionForTests } = await import('../dist/secrets/redact.js');

const seeds = loadFuzzSeeds(ROOT);

// Everything main() writes is captured; the script's own lines go through the original writers.
const out = { stdout: '', stderr: '' };
const write = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
const capture = (stream) => (chunk, encoding, callback) => {
  out[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') done();
  return true;
};
process.stdout.write = capture('stdout');
process.stderr.write = capture('stderr');
const say = (text) => write.stderr(text);

const directory = mkdtempSync(join(tmpdir(), 'tp-fuzz-'));
writeFileSync(join(directory, 'segredo.txt'), 'fuzz-file-secret-6\n');
const file = join(directory, 'caso.yaml');
const failures = [];
const codes = new Map();
const slowest = [];
let index = 0;
const started = Date.now();

const property = fc.asyncProperty(fuzzCaseArbitrary(seeds), async (fuzzCase) => {
  index++;
  writeFileSync(file, fuzzCase.bytes);
  resetRedactionForTests();
  out.stdout = '';
  out.stderr = '';
  const caseStarted = performance.now();
  let timer;
  let thrown;
  const code = await Promise.race([
    // main() promises never to throw; if it does, the bin can only exit 3 without a word.
    main(['node', 'tactium-preflight', 'check', file, '--only', 'config', ...fuzzCase.args]).catch((error) => {
      thrown = error;
      return 3;
    }),
    new Promise((resolve) => (timer = setTimeout(() => resolve('hang'), CASE_LIMIT_MS))),
  ]);
  clearTimeout(timer);
  const outcome = { code: code === 'hang' ? null : code, stdout: out.stdout, stderr: out.stderr, ms: performance.now() - caseStarted };
  codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
  slowest.push({ ms: outcome.ms, recipe: fuzzCase.recipe, size: fuzzCase.bytes.length });
  slowest.sort((a, b) => b.ms - a.ms).splice(5);
  const problem =
    code === 'hang'
      ? `no answer within ${CASE_LIMIT_MS} ms`
      : thrown
        ? `main() threw: ${String(thrown instanceof Error ? thrown.message : thrown).slice(0, 200)}`
        : (judge(outcome, basename(file), CASE_LIMIT_MS) ?? judgeJson(outcome, fuzzCase.args));
  if (problem) {
    failures.push({ index, problem, recipe: fuzzCase.recipe, bytes: fuzzCase.bytes });
    if (code === 'hang') throw new Error('a case hung; stopping (the process state is no longer clean)');
  }
  if (index % 500 === 0) say(`  ${index} cases, ${failures.length} failing, ${Math.round((Date.now() - started) / 1000)} s\n`);
  return true;
});

say(`fuzz: ${RUNS} cases, seed ${SEED} (again: npm run fuzz -- --runs ${RUNS} --seed ${SEED})\n`);
let aborted;
try {
  await fc.assert(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
} catch (error) {
  aborted = error;
}
process.stdout.write = write.stdout;
process.stderr.write = write.stderr;
rmSync(directory, { recursive: true, force: true });

const summary = [...codes]
  .sort(([a], [b]) => String(a).localeCompare(String(b)))
  .map(([code, count]) => `exit ${code}: ${count}`)
  .join(', ');
say(`\nfuzz: ${index} cases in ${Math.round((Date.now() - started) / 1000)} s — ${summary}\n`);
say(`slowest: ${slowest.map((entry) => `${Math.round(entry.ms)} ms (${entry.size} bytes: ${entry.recipe.slice(1, -2).join(' | ')})`).join('\n         ')}\n`);
if (failures.length > 0) {
  const folder = join(tmpdir(), 'tactium-fuzz-failures');
  mkdirSync(folder, { recursive: true });
  const kinds = new Map();
  for (const failure of failures) {
    const kind = failure.problem.split('\n')[0].slice(0, 160);
    if (!kinds.has(kind)) kinds.set(kind, []);
    kinds.get(kind).push(failure);
  }
  for (const [kind, list] of kinds) {
    say(`\n${list.length} × ${kind}\n`);
    for (const failure of list.slice(3)) say(`  case ${failure.index}: ${failure.recipe.join(' | ').slice(0, 200)}\n`);
    for (const failure of list.slice(0, 3)) {
      const saved = join(folder, `case-${SEED}-${failure.index}.yaml`);
      writeFileSync(saved, failure.bytes);
      say(`  case ${failure.index}: ${failure.recipe.join(' | ')}\n    ${failure.problem.slice(0, 400).replace(/\n/g, '\n    ')}\n    saved: ${saved}\n`);
    }
  }
}
if (aborted) {
  // fast-check's message carries the whole counterexample (megabytes for some cases): its cause is enough.
  const cause = aborted instanceof Error && aborted.cause instanceof Error ? aborted.cause : aborted;
  say(`\nstopped at case ${index}: ${cause instanceof Error ? (cause.stack ?? cause.message).split('\n').slice(0, 8).join('\n') : String(cause)}\n`);
}
say(failures.length === 0 && !aborted ? `\nfuzz: OK — every case exited 2 with a located message or ran.\n` : `\nfuzz: ${failures.length} failing case(s).\n`);
process.exitCode = failures.length === 0 && !aborted ? 0 : 1;
