/**
 * Preloaded (`node --import`) by test/e2e/startup.test.ts: records every module the process loads, one URL a
 * line, in $TACTIUM_TRACE_LOADS, through a module-loader hook (module.register; the hook runs on the loader
 * thread, hence a file rather than a variable).
 */
import { register } from 'node:module';

if (process.env.TACTIUM_TRACE_LOADS) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function load(url, context, next) {
        appendFileSync(${JSON.stringify(process.env.TACTIUM_TRACE_LOADS)}, url + '\\n');
        return next(url, context);
      }
    `)}`,
  );
}
