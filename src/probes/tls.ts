/**
 * TLS for the mail probes: implicit TLS (IMAPS 993, POP3S 995, SMTPS 465) and the STARTTLS upgrade of an
 * open socket, both collecting the facts the report shows — negotiated protocol and cipher, certificate
 * subject, issuer, names, validity and days left, self-signed, chain trusted (with OpenSSL's reason),
 * host name valid — and judging them into one verdict code.
 *
 * Why `rejectUnauthorized: false`: with Node's default a bad certificate aborts the handshake and leaves
 * nothing to show; we complete the handshake, read the facts, then judge `authorized` /
 * `authorizationError` and `tls.checkServerIdentity` ourselves. Nothing is sent over a connection whose
 * verdict is `fail`: the callers stop there.
 *
 * Why `minVersion` is left at Node's default (TLS 1.2) and an old server is retried once: a server that only
 * speaks TLS 1.0/1.1 makes the handshake fail with an opaque alert; a second handshake on a NEW connection
 * that allows TLS 1.0 (`minVersion: 'TLSv1'`, `DEFAULT@SECLEVEL=0`, see docs/testing.md) only serves to name
 * it (`TLS_VERSION_TOO_OLD`: Microsoft requires TLS 1.2+,
 * https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/opt-in-exchange-online-endpoint-for-legacy-tls-using-smtp-auth).
 * That session never passes and carries nothing: if it negotiates TLS 1.2+ after all, the first refusal
 * was forged on the path (`TLS_DOWNGRADE_SUSPECTED`).
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { Transcript } from '../core/transcript.js';
import { scrubAndClip } from '../secrets/redact.js';
import { ProbeError, errorMessage, nodeErrorCode, type ProbeStage } from './probe-error.js';
import {
  FOLLOW_UP_PROBE_MS,
  MISMATCH_PROBE_DELAY_MS,
  isPlaintextAnswerToTls,
  plaintextGreetingProbe,
  readPlaintextBanner,
  withEarlyProbe,
} from './port-probe.js';
import { connectTcp, elapsedSince, unbracketHost, type TcpConnectOptions, type TcpConnection } from './tcp.js';
import { trustAnchors } from './tls-chain.js';
import { collectTlsFacts, type TlsFacts } from './tls-facts.js';
import { judgeTls, type TlsVerdict } from './tls-verdict.js';

export interface TlsHandshakeOptions {
  /** The host as configured: SNI (unless an IP literal) and the name the certificate must match. */
  readonly host: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Extra trust anchors (PEM) from `tls.caFile`: `context.services.extraCa`. */
  readonly extraCa: readonly string[];
  /** The clock (`context.services.now`) for validity and days left. */
  readonly now: () => Date;
  readonly transcript?: Transcript;
  /** Allow TLS 1.0/1.1 and weak ciphers: only for the one retry that names an old server. */
  readonly legacy?: boolean;
  /** `TLS` for implicit TLS, `STARTTLS` for an upgrade (for errors). */
  readonly stage?: ProbeStage;
  /** For error details. */
  readonly address?: string;
  readonly port?: number;
}

/**
 * An established TLS connection, its facts and its verdict. Callers must not send on a `fail` verdict. A
 * session from the legacy retry (`facts.legacyRetry`) always fails and comes back with its socket
 * already destroyed: callers must not even read from it.
 */
export interface TlsSession {
  readonly socket: tls.TLSSocket;
  readonly facts: TlsFacts;
  readonly verdict: TlsVerdict;
}

/**
 * One secure context per set of anchors (and legacy flag), reused by every connection of the run: with a
 * `ca` list, Node builds a new context for each connection, parsing its ~140 bundled roots again each time
 * (milliseconds and about a megabyte per connection; 100 accounts in `npm run bench`).
 */
const secureContexts = new WeakMap<readonly string[], Map<boolean, tls.SecureContext>>();

function secureContextFor(extraCa: readonly string[], legacy: boolean): tls.SecureContext | undefined {
  const ca = trustAnchors(extraCa);
  if (!ca) return undefined;
  let byLegacy = secureContexts.get(extraCa);
  if (!byLegacy) secureContexts.set(extraCa, (byLegacy = new Map()));
  let context = byLegacy.get(legacy);
  if (!context) {
    context = tls.createSecureContext({ ca, ...(legacy ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } : {}) });
    byLegacy.set(legacy, context);
  }
  return context;
}

/** The SNI name: the configured host unless it is an IP literal (RFC 6066 §3 forbids literals). */
export function serverNameFor(host: string): string | undefined {
  const name = unbracketHost(host);
  return net.isIP(name) === 0 ? name : undefined;
}

/**
 * True when a handshake failure means "the server only speaks TLS versions we refuse" (worth one legacy
 * retry to name it): OpenSSL's `unsupported protocol` (the server chose 1.0/1.1) or the server's
 * `protocol version` alert (it has nothing in 1.2+).
 */
export function isOldProtocolRefusal(error: unknown): boolean {
  const code = nodeErrorCode(error);
  if (
    code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' ||
    code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' ||
    code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' ||
    code === 'ERR_SSL_VERSION_TOO_LOW'
  )
    return true;
  const message = errorMessage(error);
  return /unsupported protocol|alert protocol version|no protocols available|version too low/i.test(message);
}

function recordFacts(transcript: Transcript | undefined, facts: TlsFacts): void {
  if (!transcript) return;
  transcript.add(
    'tls',
    `${facts.protocol} ${facts.cipher}, handshake ${facts.handshakeMs} ms${facts.legacyRetry ? ' (legacy retry, only to name the version)' : ''}`,
  );
  const certificate = facts.certificate;
  if (certificate) {
    transcript.add(
      'tls',
      `certificate subject "${certificate.subject}", issuer "${certificate.issuer}", names ${certificate.subjectAltNames.join(' ') || '(none)'}, valid ${certificate.validFrom} → ${certificate.validTo} (${certificate.daysLeft} days left)`,
    );
    // Node completes what the server sent with issuers from the trust store: say which is which.
    transcript.add(
      'tls',
      `chain as linked: ${certificate.chain.map((subject, index) => `"${subject}" (${certificate.chainAnchors[index] ? 'from the trust store' : 'sent by the server'})`).join(' ← ')}`,
    );
  }
  const trust = facts.provenChain
    ? `trusted only by our own check (OpenSSL reported ${facts.dateError ?? 'a date'}): ${facts.provenChain.map((link) => `${link.role} "${link.subject}" ${link.validFrom} → ${link.validTo}`).join(' ← ')}`
    : facts.trusted
      ? 'trusted'
      : `not trusted (${facts.trustError ?? 'unknown reason'})`;
  transcript.add('tls', `chain ${trust}; host name ${facts.hostnameValid ? 'valid' : `invalid (${facts.hostnameError ?? ''})`}`);
}

/**
 * Runs a TLS handshake over `socket` (an open TCP socket, fresh for implicit TLS or after the STARTTLS
 * answer). Resolves with the session and its verdict (even a `fail` verdict: the facts are the evidence);
 * rejects with `TLS_HANDSHAKE_FAILED` / `TLS_HANDSHAKE_TIMEOUT` / `CONNECTION_CLOSED` / `ABORTED` when
 * there is no handshake to judge. `nodeCode` keeps OpenSSL's reason (`ERR_SSL_WRONG_VERSION_NUMBER`…).
 */
export function upgradeToTls(socket: Duplex, options: TlsHandshakeOptions): Promise<TlsSession> {
  const stage = options.stage ?? 'TLS';
  const started = performance.now();
  const where = { stage, ...(options.address ? { address: options.address } : {}), ...(options.port ? { port: options.port } : {}) };
  return new Promise<TlsSession>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ProbeError('ABORTED', 'aborted', where));
    const servername = serverNameFor(options.host);
    options.transcript?.add('tls', `ClientHello${servername ? ` (SNI ${servername})` : ''}${options.legacy ? ', allowing TLS 1.0/1.1' : ''}`);
    let secure: tls.TLSSocket;
    // Node builds the peer's chain (getPeerCertificate(true)) to call the host-name hook; reading it again
    // for the facts cost as much once more (a tenth of a fleet run's CPU).
    let seen: tls.DetailedPeerCertificate | undefined;
    try {
      // Inside the try: a malformed tls.caFile certificate fails here, as it did inside tls.connect.
      const secureContext = secureContextFor(options.extraCa, options.legacy === true);
      secure = tls.connect({
        socket,
        ...(servername ? { servername } : {}),
        ...(secureContext ? { secureContext } : {}),
        rejectUnauthorized: false,
        // Node folds a host-name mismatch into `authorized`; we check the name ourselves (collectTlsFacts),
        // so that `authorized` means "the chain is trusted" and both facts can be reported apart.
        checkServerIdentity: (_host, certificate) => {
          seen = certificate as tls.DetailedPeerCertificate;
          return undefined;
        },
        ...(options.legacy ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
      });
    } catch (error) {
      socket.destroy();
      return reject(new ProbeError('TLS_HANDSHAKE_FAILED', `TLS could not start: ${errorMessage(error)}`, { ...where, cause: error }));
    }
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      secure.off('secureConnect', onSecure);
      secure.off('error', onError);
      secure.off('close', onClose);
    };
    const failWith = (error: ProbeError) => {
      cleanup();
      secure.destroy();
      socket.destroy();
      options.transcript?.add('tls', `handshake failed: ${error.message}`);
      reject(error);
    };
    const onSecure = () => {
      cleanup();
      const handshakeMs = elapsedSince(started);
      const facts = collectTlsFacts(secure, options.host, options.now(), handshakeMs, options.legacy === true, options.extraCa, seen);
      recordFacts(options.transcript, facts);
      resolve({ socket: secure, facts, verdict: judgeTls(facts, options.now()) });
    };
    const onError = (error: Error) => {
      const code = nodeErrorCode(error);
      const ours = code === 'ECONNRESET' ? 'TCP_RESET' : 'TLS_HANDSHAKE_FAILED';
      failWith(
        new ProbeError(ours, `TLS handshake failed: ${error.message}`, {
          ...where,
          elapsedMs: elapsedSince(started),
          ...(code ? { nodeCode: code } : {}),
          cause: error,
        }),
      );
    };
    const onClose = () =>
      failWith(
        new ProbeError('CONNECTION_CLOSED', 'the server closed the connection during the TLS handshake', { ...where, elapsedMs: elapsedSince(started) }),
      );
    const onAbort = () => failWith(new ProbeError('ABORTED', 'aborted', where));
    const timer = setTimeout(
      () =>
        failWith(
          new ProbeError('TLS_HANDSHAKE_TIMEOUT', `the TLS handshake did not finish within ${options.timeoutMs} ms`, {
            ...where,
            elapsedMs: elapsedSince(started),
          }),
        ),
      options.timeoutMs,
    );
    secure.once('secureConnect', onSecure);
    secure.once('error', onError);
    secure.once('close', onClose);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.resume();
  });
}

/** `IMPLICIT_TLS_ON_STARTTLS_PORT` for a port that greeted in plaintext on a connection of its own. */
function plaintextPortError(port: number, banner: string, where: { stage: ProbeStage; address: string; cause?: unknown }): ProbeError {
  return new ProbeError(
    'IMPLICIT_TLS_ON_STARTTLS_PORT',
    `port ${port} greets in plaintext ("${scrubAndClip(banner, 80)}"): it expects STARTTLS, not implicit TLS`,
    {
      ...where,
      port,
      serverReply: banner,
    },
  );
}

export interface ImplicitTlsConnection {
  readonly tcp: TcpConnection;
  readonly session: TlsSession;
}

/**
 * Implicit TLS (993, 995, 465): DNS → TCP → handshake, judged. When no ServerHello has come after a short
 * delay, a second connection that sends nothing listens for a plaintext greeting: a real one names
 * `IMPLICIT_TLS_ON_STARTTLS_PORT` at once (port-probe.ts `withEarlyProbe`). When the handshake fails:
 * - a plaintext banner answered our ClientHello → `IMPLICIT_TLS_ON_STARTTLS_PORT` (security: tls on a
 *   STARTTLS port such as 587/143/110);
 * - the server refused every version we offer → one legacy handshake on a new connection; if it completes,
 *   the session comes back, its socket already destroyed, with the facts and a `fail` verdict:
 *   `TLS_VERSION_TOO_OLD`, or `TLS_DOWNGRADE_SUSPECTED` when it negotiated TLS 1.2+ after all;
 * - otherwise a fresh connection checks for a plaintext banner (servers that just hang up on a
 *   ClientHello) before `TLS_HANDSHAKE_FAILED` / `TLS_HANDSHAKE_TIMEOUT` is reported.
 */
export async function connectImplicitTls(
  options: TcpConnectOptions & Omit<TlsHandshakeOptions, 'host' | 'timeoutMs' | 'signal' | 'transcript' | 'legacy' | 'address' | 'port'>,
): Promise<ImplicitTlsConnection> {
  const handshake = async (legacy: boolean): Promise<ImplicitTlsConnection> => {
    const tcp = await connectTcp(options);
    const upgrade = upgradeToTls(tcp.socket, {
      host: options.host,
      timeoutMs: options.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      extraCa: options.extraCa,
      now: options.now,
      ...(options.transcript ? { transcript: options.transcript } : {}),
      legacy,
      stage: options.stage ?? 'TLS',
      address: tcp.address,
      port: tcp.port,
    });
    if (legacy) return { tcp, session: await upgrade };
    // A ServerHello that has not come after a short delay may mean a plaintext-first port that waits for a
    // command line (or greets late): a second connection, sending nothing, listens for its greeting.
    const session = await withEarlyProbe(upgrade, {
      probe: plaintextGreetingProbe(
        {
          address: tcp.address,
          port: tcp.port,
          timeoutMs: Math.max(FOLLOW_UP_PROBE_MS, options.timeoutMs - MISMATCH_PROBE_DELAY_MS),
          ...(options.transcript ? { transcript: options.transcript } : {}),
        },
        (banner) => plaintextPortError(options.port, banner, { stage: options.stage ?? 'TLS', address: tcp.address }),
      ),
      onProof: () => tcp.socket.destroy(),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { tcp, session };
  };
  try {
    return await handshake(false);
  } catch (error) {
    if (!(error instanceof ProbeError) || error.stage === 'DNS' || error.stage === 'CONNECT' || error.code === 'ABORTED') throw error;
    if (error.code === 'IMPLICIT_TLS_ON_STARTTLS_PORT') throw error; // named by the early probe already
    if (isPlaintextAnswerToTls(error.cause ?? error)) {
      throw new ProbeError(
        'IMPLICIT_TLS_ON_STARTTLS_PORT',
        `port ${options.port} answered the TLS ClientHello in plaintext: it expects plaintext first (STARTTLS), not implicit TLS`,
        {
          stage: error.stage,
          ...(error.address ? { address: error.address } : {}),
          port: options.port,
          ...(error.nodeCode ? { nodeCode: error.nodeCode } : {}),
          cause: error,
        },
      );
    }
    if (isOldProtocolRefusal(error.cause ?? error)) {
      options.transcript?.add(
        'info',
        'the server refused TLS 1.2 and newer; retrying once on a new connection, allowing TLS 1.0/1.1, only to name the version',
      );
      let named: ImplicitTlsConnection;
      try {
        named = await handshake(true);
      } catch {
        throw error;
      }
      // Judged (always a fail: TLS_VERSION_TOO_OLD or TLS_DOWNGRADE_SUSPECTED): the facts are all it was
      // for. Closed at once, so that no caller can read from or write to a SECLEVEL=0 session.
      named.session.socket.destroy();
      named.tcp.socket.destroy();
      return named;
    }
    if (error.address) {
      const banner = await readPlaintextBanner({
        address: error.address,
        port: options.port,
        timeoutMs: Math.min(options.timeoutMs, FOLLOW_UP_PROBE_MS),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.transcript ? { transcript: options.transcript } : {}),
      });
      if (banner !== undefined) throw plaintextPortError(options.port, banner, { stage: error.stage, address: error.address, cause: error });
    }
    throw error;
  }
}
