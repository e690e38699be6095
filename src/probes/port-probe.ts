/**
 * "What does this port really speak": the follow-up probes, each on a fresh connection, that name the
 * classic 465-vs-587 mix-up (implicit TLS configured on a STARTTLS port, or the reverse) instead of a bare
 * timeout or handshake failure.
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
