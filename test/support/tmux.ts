/**
 * A real pseudo-terminal for end-to-end tests of what a person types: the BUILT command-line tool runs in a
 * detached tmux pane (its own server socket, so tests never touch a user's tmux), keys are sent with
 * `send-keys`, and the screen is read with `capture-pane`. The environment is exactly the one given (no CI
 * variable leaks in from the runner), the network guard is preloaded as in run-cli.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from './run-cli.js';

const GUARD = join(ROOT, 'test', 'support', 'network-guard.mjs');

export function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Inquirer wraps long lines itself (hard line breaks at the terminal width), so text is compared with all
 * white space removed.
 */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

function count(text: string, part: string): number {
  return squash(text).split(squash(part)).length - 1;
}

/** Single-quoted for sh. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

let sessions = 0;

export interface TerminalOptions {
  /** The whole environment of the process (PATH, HOME and TERM are added). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly width?: number;
  readonly height?: number;
}

export class Terminal {
  private readonly socket: string;
  private readonly directory: string;
  private readonly exitFile: string;

  private constructor(socket: string, directory: string) {
    this.socket = socket;
    this.directory = directory;
    this.exitFile = join(directory, 'exit-code');
  }

  /** Starts `tactium-preflight <args>` in a new pane. */
  static start(args: readonly string[], options: TerminalOptions = {}): Terminal {
    const directory = mkdtempSync(join(tmpdir(), 'tp-tty-'));
    const socket = `tp-${process.pid}-${++sessions}`;
    const terminal = new Terminal(socket, directory);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? directory, TERM: 'xterm-256color', ...options.env };
    const assignments = Object.entries(env)
      .map(([key, value]) => `${key}=${quote(value)}`)
      .join(' ');
    const command = [process.execPath, '--import', GUARD, BIN, ...args].map(quote).join(' ');
    const script = join(directory, 'run.sh');
    writeFileSync(script, `cd ${quote(options.cwd ?? ROOT)}\nenv -i ${assignments} ${command}\necho $? > ${quote(terminal.exitFile)}\n`);
    execFileSync('tmux', [
      '-L',
      socket,
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-x',
      String(options.width ?? 200),
      '-y',
      String(options.height ?? 50),
      '-s',
      'main',
      `sh ${quote(script)}`,
    ]);
    // Keep the pane (and its screen) after the process ends, to read the last lines.
    execFileSync('tmux', ['-L', socket, 'set-option', '-t', 'main', 'remain-on-exit', 'on']);
    return terminal;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Text typed as is (no key names interpreted). */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Named keys: Enter, Down, Up, Escape, C-c, C-u, BSpace… */
  press(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', 'main', key);
  }

  /** The whole screen and its history, wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main');
  }

  /** Waits until the screen shows `what` (after `from` characters of it), and returns the screen. */
  async waitFor(what: string | RegExp, options: { timeoutMs?: number; from?: number } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 15000);
    for (;;) {
      const screen = this.screen();
      const tail = screen.slice(options.from ?? 0);
      if (typeof what === 'string' ? squash(tail).includes(squash(what)) : what.test(tail)) return screen;
      if (Date.now() > deadline) throw new Error(`terminal: "${String(what)}" did not appear; the screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
  }

  /**
   * Answers the question `prompt` as a person would: waits until it is the active question (inquirer marks
   * it `?`, and `✔` once answered), types/presses `input`, then waits until it shows as answered — unless
   * `accepted: false` (a refused answer: the question stays, with the reason under it).
   */
  async answer(prompt: string, input: ReadonlyArray<string | { key: string }>, options: { accepted?: boolean } = {}): Promise<void> {
    await this.waitFor(`? ${prompt}`);
    const done = count(this.screen(), `✔ ${prompt}`);
    for (const part of input) {
      if (typeof part === 'string') this.type(part);
      else this.press(part.key);
    }
    if (options.accepted === false) return;
    const deadline = Date.now() + 15000;
    while (count(this.screen(), `✔ ${prompt}`) <= done) {
      if (Date.now() > deadline) throw new Error(`terminal: "${prompt}" was not answered; the screen was:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  }

  /** The exit code, once the process has ended. */
  async exitCode(timeoutMs = 30000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(this.exitFile) || readFileSync(this.exitFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error(`terminal: the process did not end; the screen was:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    return Number(readFileSync(this.exitFile, 'utf8').trim());
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(this.directory, { recursive: true, force: true });
  }
}
