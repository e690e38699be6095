import type { ChalkInstance } from 'chalk';

export interface ColorDecisionInput {
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** `--no-color` (commander sets `color: false`). */
  readonly noColorFlag: boolean;
}

/**
 * The one colour decision: chalk ignores NO_COLOR on purpose (chalk/chalk#547) and commander has its own
 * rules, so we decide once and build chalk and commander's output from it. Precedence: --no-color,
 * then NO_COLOR (any non-empty value, https://no-color.org), then FORCE_COLOR, then "is it a TTY".
 */
export function decideColorLevel({ isTTY, env, noColorFlag }: ColorDecisionInput): 0 | 1 | 2 | 3 {
  if (noColorFlag) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2') return 2;
    if (force === '3') return 3;
    return 1;
  }
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  if (/-256(color)?$/i.test(env.TERM ?? '') || process.platform === 'win32') return 2;
  return 1;
}

/** chalk is loaded only when there will be colour: a pipe, NO_COLOR or --no-color start without it. */
export async function makeChalk(level: 0 | 1 | 2 | 3): Promise<ChalkInstance | null> {
  if (level === 0) return null;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

/**
 * Whether the console can show symbols such as ✔: older Windows consoles (conhost with a legacy code
 * page) cannot; Windows Terminal, VS Code and ConEmu can. Same rules as sindresorhus/is-unicode-supported.
 */
export function supportsUnicode(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (env.TACTIUM_ASCII === '1') return false;
  if (platform !== 'win32') return env.TERM !== 'linux';
  return (
    Boolean(env.WT_SESSION) ||
    Boolean(env.TERMINUS_SUBLIME) ||
    env.ConEmuTask === '{cmd::Cmder}' ||
    env.TERM_PROGRAM === 'Terminus-Sublime' ||
    env.TERM_PROGRAM === 'vscode' ||
    env.TERM === 'xterm-256color' ||
    env.TERM === 'alacritty' ||
    env.TERMINAL_EMULATOR === 'JetBrains-JediTerm'
  );
}
