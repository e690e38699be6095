/**
 * "What does this port really speak": the probes, each on a fresh connection that sends no credential, that
 * name the classic 465-vs-587 mix-up (implicit TLS configured on a STARTTLS port, or the reverse) instead of
 * a bare timeout or handshake failure. They run early, while the first connection still waits for its
 * greeting or ServerHello (`withEarlyProbe`), so that the mix-up is named in about a second rather than at
 * the step timeout; and once more after a timeout, when the step was shorter than the early probe's delay.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Transcript } from '../core/transcript.js';
import { BoundedReader, readGreeting } from './bounded-reader.js';
import { ProbeError, errorMessage, nodeErrorCode } from './probe-error.js';
import { connectAddress, withDeadline } from './tcp.js';

/**
 * OpenSSL's reasons when the server answered our ClientHello with plaintext (a `220`/`* OK`/`+OK` banner):
 * the port speaks plaintext first (STARTTLS or none), not implicit TLS.
 */
const PLAINTEXT_ANSWER_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'ERR_SSL_RECORD_LAYER_FAILURE',
]);

/** True when a TLS connect failed because a plaintext banner answered the ClientHello. */
export function isPlaintextAnswerToTls(error: unknown): boolean {
  const code = nodeErrorCode(error);
  if (code && PLAINTEXT_ANSWER_CODES.has(code)) return true;
  const message = errorMessage(error);
  return /wrong version number|packet length too long|unknown protocol|http request/i.test(message);
}

export interface PortProbeTarget {
  /** The IP address to connect to (already resolved: no DNS here). */
  readonly address: string;
  readonly port: number;
  /** SNI name (omitted for IP literals, RFC 6066 §3). */
  readonly servername?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly transcript?: Transcript;
}

/**
 * How long a follow-up probe may take after a step already timed out (naming an implicit-TLS or plaintext
 * port behind a silent greeting or handshake). Issue 4 bounds a tarpit's cost at the step timeout + 1 s, and
 * a tarpit gets the follow-up probe too; a real TLS server or banner answers well within it on loopback and
 * on most WAN paths, and when it does not, the original timeout is still reported, just less precisely named.
 */
export const FOLLOW_UP_PROBE_MS = 500;

/**
 * Does this port speak implicit TLS? Opens a FRESH connection (the caller's own has been spoiled by a
 * plaintext attempt) and sends a ClientHello; a completed handshake says yes. Used after a plaintext
 * connect got no greeting, to name "STARTTLS/plaintext configured on an implicit-TLS port" instead of a
 * bare timeout. Legacy versions are allowed here: only the fact "it speaks TLS" matters, and the
 * connection is closed at once. Never throws (answers `false`), except `ABORTED`.
 */
export async function speaksImplicitTls(target: PortProbeTarget): Promise<boolean> {
  let socket: net.Socket | undefined;
  let secure: tls.TLSSocket | undefined;
  try {
    socket = await connectAddress(target.address, target.port, target.timeoutMs, target.signal);
    const plain = socket;
    const handshake = new Promise<boolean>((resolve) => {
      secure = tls.connect({
        socket: plain,
        ...(target.servername && net.isIP(target.servername) === 0 ? { servername: target.servername } : {}),
        rejectUnauthorized: false,
        minVersion: 'TLSv1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      secure.once('secureConnect', () => resolve(true));
      secure.once('error', () => resolve(false));
      secure.once('close', () => resolve(false));
    });
    const answer = await withDeadline(handshake, target.timeoutMs, target.signal, () => new Error('timeout'), 'TLS').catch((error: unknown) => {
      if (error instanceof ProbeError) throw error;
      return false;
    });
    target.transcript?.add(
      'info',
      `probe on a new connection: ${target.address}:${target.port} ${answer ? 'completes a TLS handshake (implicit TLS)' : 'does not complete a TLS handshake'}`,
    );
    return answer;
  } catch (error) {
    if (error instanceof ProbeError && error.code === 'ABORTED') throw error;
    return false;
  } finally {
    secure?.destroy();
    socket?.destroy();
  }
}

/**
 * Does this port speak plaintext first? Opens a fresh connection and waits for any banner line within the
 * timeout (`* OK`, `+OK`, `220`). Used after a TLS connect failed with a reason other than
 * `isPlaintextAnswerToTls` (some servers just close on a ClientHello), to name "implicit TLS configured on
 * a STARTTLS port". Never throws (answers `undefined`), except `ABORTED`; resolves with the banner.
 */
export async function readPlaintextBanner(target: PortProbeTarget): Promise<string | undefined> {
  let socket: net.Socket | undefined;
  try {
    socket = await connectAddress(target.address, target.port, target.timeoutMs, target.signal);
    const reader = new BoundedReader(socket, { ...(target.signal ? { signal: target.signal } : {}), address: target.address, port: target.port });
    const [banner] = await readGreeting(reader, { timeoutMs: target.timeoutMs });
    target.transcript?.add('info', `probe on a new connection: ${target.address}:${target.port} greets in plaintext`);
    return banner;
  } catch (error) {
    if (error instanceof ProbeError && error.code === 'ABORTED') throw error;
    return undefined;
  } finally {
    socket?.destroy();
  }
}

/**
 * How long the expected first answer (the greeting on a plaintext connect, the ServerHello on an
 * implicit-TLS one) may take before the other security is probed on a second connection. Mail servers
 * answer within milliseconds on a LAN and well under a second on most WAN paths. Silence alone decides
 * nothing: a server that greets late on purpose (Postfix postscreen's greet wait, RFC 5321 §4.5.3.2.1
 * allows 5 minutes) is still waited for, because only the probe's completed TLS handshake, or its real
 * greeting, names the mix-up.
 */
export const MISMATCH_PROBE_DELAY_MS = 1000;

export interface EarlyProbe {
  /**
   * Runs on a second connection once `delayMs` passed without an answer on the first; resolves with the
   * error that names the mix-up when it is proven, else `undefined`. Stopped by `signal` when the first
   * connection answers (or fails) first.
   */
  readonly probe: (signal: AbortSignal) => Promise<ProbeError | undefined>;
  /** Called when the probe proved the mix-up, before its error is thrown: close the first connection. */
  readonly onProof: () => void;
  readonly signal?: AbortSignal;
  readonly delayMs?: number;
}

/**
 * Waits for `primary` (the greeting read, or the TLS handshake); when it has not settled after the delay,
 * runs the probe alongside. The probe's error wins only when it proves the other security; otherwise
 * `primary` settles as it would have (an answer, or its own timeout).
 */
export async function withEarlyProbe<T>(primary: Promise<T>, early: EarlyProbe): Promise<T> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  early.signal?.addEventListener('abort', stop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const proven = new Promise<ProbeError>((resolve) => {
    timer = setTimeout(() => {
      early.probe(controller.signal).then(
        (error) => error && !controller.signal.aborted && resolve(error),
        () => undefined,
      );
    }, early.delayMs ?? MISMATCH_PROBE_DELAY_MS);
  });
  try {
    const first = await Promise.race([primary.then((value) => ({ value })), proven.then((proof) => ({ proof }))]);
    if ('value' in first) return first.value;
    primary.catch(() => undefined); // it fails once its connection is closed: nobody waits for it any more
    early.onProof();
    throw first.proof;
  } finally {
    clearTimeout(timer);
    stop();
    early.signal?.removeEventListener('abort', stop);
  }
}

/** What the second connection of an early probe needs: where (already resolved) and for how long at most. */
export type EarlyProbeTarget = Omit<PortProbeTarget, 'signal'>;

/** A first line that only a plaintext-first mail port sends unasked: SMTP `220`/`421`/`554`, IMAP `* `, POP3 `+OK`/`-ERR`. */
const GREETING_LINE = /^(\d{3}[ -]|\* |\+OK|-ERR)/i;

/**
 * The early probe for a TLS handshake that has not finished: a fresh connection that sends nothing and
 * waits for a plaintext greeting. A real greeting proves a plaintext-first port; an implicit-TLS port says
 * nothing until it gets a ClientHello, so it cannot be mistaken for one.
 */
export function plaintextGreetingProbe(target: EarlyProbeTarget, proof: (banner: string) => ProbeError): EarlyProbe['probe'] {
  return async (signal) => {
    const banner = await readPlaintextBanner({ ...target, signal });
    return banner !== undefined && GREETING_LINE.test(banner) ? proof(banner) : undefined;
  };
}

/** The early probe for a greeting that has not come: a completed TLS handshake on a fresh connection proves an implicit-TLS port. */
export function implicitTlsProbe(target: EarlyProbeTarget, proof: () => ProbeError): EarlyProbe['probe'] {
  return async (signal) => ((await speaksImplicitTls({ ...target, signal })) ? proof() : undefined);
}

export interface PlaintextGreetingOptions {
  readonly timeoutMs: number;
  readonly isComplete?: (lines: readonly string[]) => boolean;
  readonly signal?: AbortSignal;
  readonly transcript?: Transcript;
  /** SNI for the probe's handshake (omitted for IP literals). */
  readonly servername?: string;
  readonly address: string;
  readonly port: number;
}

/** The answer of `readPlaintextGreeting` when the port proved to speak implicit TLS. */
export const IMPLICIT_TLS_PORT = Symbol('implicit TLS port');

/**
 * Reads the greeting of a plaintext connect (security `starttls` or `none`). When none has come after the
 * early probe's delay, a second connection asks whether the port completes a TLS handshake (an implicit-TLS
 * port waits for our ClientHello and says nothing); and when the read times out, it is asked once more,
 * briefly (for a step shorter than the delay, the only probe). Resolves with the greeting's lines, or `IMPLICIT_TLS_PORT`
 * (the caller names the mix-up); the reader is destroyed in that case.
 */
export async function readPlaintextGreeting(reader: BoundedReader, options: PlaintextGreetingOptions): Promise<string[] | typeof IMPLICIT_TLS_PORT> {
  const target = {
    address: options.address,
    port: options.port,
    ...(options.servername ? { servername: options.servername } : {}),
    ...(options.transcript ? { transcript: options.transcript } : {}),
  };
  const proof = new ProbeError('STARTTLS_ON_IMPLICIT_TLS_PORT', `port ${options.port} completes a TLS handshake`, { stage: 'GREETING' });
  try {
    return await withEarlyProbe(readGreeting(reader, { timeoutMs: options.timeoutMs, ...(options.isComplete ? { isComplete: options.isComplete } : {}) }), {
      probe: implicitTlsProbe({ ...target, timeoutMs: Math.max(FOLLOW_UP_PROBE_MS, options.timeoutMs - MISMATCH_PROBE_DELAY_MS) }, () => proof),
      onProof: () => reader.destroy(),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error === proof) return IMPLICIT_TLS_PORT;
    if (!(error instanceof ProbeError) || error.code !== 'GREETING_TIMEOUT') throw error;
    // Bounded well under the step: a tarpit gets this probe too, and the check must end near its timeout.
    reader.destroy();
    const isTls = await speaksImplicitTls({
      ...target,
      timeoutMs: Math.min(options.timeoutMs, FOLLOW_UP_PROBE_MS),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (isTls) return IMPLICIT_TLS_PORT;
    throw error;
  }
}
