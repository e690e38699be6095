/**
 * Preloaded by `npm run bench` into the command-line tool it measures (`node --import`): at exit, writes
 * the process's peak resident set size (kilobytes, from the kernel's accounting) to $TACTIUM_BENCH_RSS_FILE.
 * Works wherever Node runs, unlike `/usr/bin/time -v`.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.TACTIUM_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
