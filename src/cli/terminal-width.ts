/** The width of a report when nothing says otherwise: a file, a pipe, a CI log. */
export const DEFAULT_REPORT_WIDTH = 100;

/**
 * The columns the table report fits in on standard output: `COLUMNS` when it holds a width (the shell's
 * own variable, and how a pipe or CI log asks for another width), else the terminal's columns, else 100.
 */
export function terminalWidth(stream: { readonly isTTY?: boolean; readonly columns?: number }, env: NodeJS.ProcessEnv): number {
  const fromEnv = env.COLUMNS?.trim();
  if (fromEnv && /^\d{1,4}$/.test(fromEnv) && Number(fromEnv) > 0) return Number(fromEnv);
  if (stream.isTTY && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  return DEFAULT_REPORT_WIDTH;
}
