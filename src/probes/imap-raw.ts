/**
 * The raw IMAP phase before the login — greeting, CAPABILITY, STARTTLS — as a few tagged lines of our own
 * over tcp.ts's BoundedReader, and the parsing of the capability lists it reads (RFC 9051 §6.1.1, §7.1).
 */
import { parseImapStatus, type ServerReply } from './incoming-replies.js';
import { ProbeError } from './probe-error.js';
import type { BoundedReader } from './bounded-reader.js';
import { scrubAndClip } from '../secrets/redact.js';

export interface ImapCommandResult {
  readonly untagged: readonly string[];
  readonly status: ServerReply;
  /** The tagged status line (or the untagged BYE that ended the session) as the server sent it. */
  readonly line: string;
}

/** Raw IMAP over tcp.ts's BoundedReader, for the steps before the login (replies bounded in time and size). */
export class ImapRaw {
  #tag = 0;
  constructor(
    /** Replaced after STARTTLS (the TLS socket) and for each check (its transcript and abort signal). */
    public reader: BoundedReader,
    public timeoutMs: number,
  ) {}

  /** Sends one command and reads to its tagged answer; an untagged BYE ends the session at once. */
  async command(command: string): Promise<ImapCommandResult> {
    const tag = `P${++this.#tag}`;
    const stage = command.split(' ')[0] ?? command;
    this.reader.write(`${tag} ${command}`);
    const done = (lines: readonly string[]): boolean => {
      const last = lines[lines.length - 1] ?? '';
      return last.startsWith(`${tag} `) || /^\* BYE\b/i.test(last);
    };
    const lines = await this.reader.readReply(done, { stage, timeoutMs: this.timeoutMs });
    const line = lines[lines.length - 1] ?? '';
    const status = parseImapStatus(line);
    if (!status) throw new ProbeError('PROTOCOL_UNEXPECTED_REPLY', `unreadable answer to ${stage}: ${scrubAndClip(line, 200)}`, { stage, serverReply: line });
    return { untagged: lines.slice(0, -1), status, line };
  }

  /** CAPABILITY (RFC 9051 §6.1.1): the list, upper-cased. */
  async capability(): Promise<{ capabilities: string[]; result: ImapCommandResult }> {
    const result = await this.command('CAPABILITY');
    const line = result.untagged.find((entry) => /^\* CAPABILITY\b/i.test(entry));
    const fromCode = /\[CAPABILITY ([^\]]*)\]/i.exec(result.line)?.[1];
    const list = line ? line.replace(/^\* CAPABILITY\s*/i, '') : (fromCode ?? '');
    return { capabilities: splitCapabilities(list), result };
  }

  /** STARTTLS (RFC 9051 §6.2.1); the caller upgrades the socket after an OK. */
  startTls(): Promise<ImapCommandResult> {
    return this.command('STARTTLS');
  }

  /** LOGOUT, best effort, short wait; closes the socket. */
  async logout(timeoutMs = 1000): Promise<void> {
    const tag = `P${++this.#tag}`;
    try {
      this.reader.write(`${tag} LOGOUT`);
      await this.reader.readReply((lines) => (lines[lines.length - 1] ?? '').startsWith(`${tag} `), { stage: 'LOGOUT', timeoutMs });
    } catch {
      // The session is over either way.
    } finally {
      this.reader.destroy();
    }
  }
}

export function splitCapabilities(list: string): string[] {
  return list
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((capability) => capability.toUpperCase());
}

/** The capabilities in a greeting's `[CAPABILITY …]` code, if it has one (Dovecot sends them). */
export function greetingCapabilities(greeting: string): string[] | undefined {
  const list = /^\* (?:OK|PREAUTH) \[CAPABILITY ([^\]]*)\]/i.exec(greeting)?.[1];
  return list === undefined ? undefined : splitCapabilities(list);
}
