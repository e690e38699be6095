/**
 * Hostile servers (issue 8), the cases the per-protocol suites do not already cover: invalid UTF-8 and
 * control bytes in greetings and capability lists, a TLS alert in the middle of the handshake, a server
 * that closes in the middle of AUTH (after the 334 / + continuation), a one-byte-a-second greeting for IMAP
 * and POP3, an endless IMAP CAPABILITY answer, and a 10 MB flood with the heap watched. Already covered
 * elsewhere: megabyte lines (SMTP and IMAP greetings), endless multi-line replies (SMTP EHLO, POP3 CAPA),
 * an SMTP slow drip — test/integration/{smtp,incoming}/*.test.ts.
 *
 * Every case runs the real checks against a small raw server on 127.0.0.1 and asserts: the check ends within
 * its step timeout + 1 s, a `fail` (not `error`) with a specific code and evidence, printable evidence.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import { smtpConnectCheck } from '../../src/checks/smtp/connect.js';
import { smtpTlsCheck } from '../../src/checks/smtp/tls.js';
import { smtpAuthCheck } from '../../src/checks/smtp/auth.js';
import type { Check, CheckOutcome } from '../../src/core/check.js';
import type { Account } from '../../src/config/types.js';
import { RunMemo } from '../../src/core/memo.js';
import { createTranslator } from '../../src/i18n/index.js';
import type { RunReport } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderJunit } from '../../src/report/junit.js';
import { createCa, issueCert } from '../../standins/certs.js';
import { makeAccount, makeContext, secret } from '../support/check-context.js';
import { runIncoming } from './incoming/run-incoming.js';

const STEP_MS = 700;
const BOUND_MS = STEP_MS + 1000;
const HOST = 'mail.example.test';
const PASSWORD = 'Hostile-Server-Password-9';
const ca = createCa();
const certificate = issueCert(ca, { hosts: [HOST, '127.0.0.1', 'localhost'] });
const run = { extraCa: [ca.pem], options: { stepTimeoutMs: STEP_MS } };

/** A TLS handshake_failure alert (RFC 8446 §6: ContentType 21, legacy version 3.3, length 2, fatal(2), 40). */
const HANDSHAKE_FAILURE_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);
/** Invalid UTF-8 (lone continuation, overlong, 0xFF), ANSI escape, NUL, BEL, backspace and C1 CSI (U+009B). */
const GARBAGE = Buffer.concat([
  Buffer.from([0xff, 0xfe, 0x80, 0xc0, 0xaf, 0x1b]),
  Buffer.from('[2J\x00\x07\x08'),
  Buffer.from([0xc2, 0x9b]),
  Buffer.from('31m'),
]);
/** Control characters that must never reach a terminal (C0 except tab and newline, DEL, C1). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const en = createTranslator('en');

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

/** A raw server: `behaviour` per connection; with `secure`, TLS from the first byte. */
async function serve(behaviour: (socket: net.Socket) => void, secure = false): Promise<number> {
  const handler = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    behaviour(socket);
  };
  const server = secure ? tls.createServer({ key: certificate.key, cert: certificate.cert }, handler) : net.createServer(handler);
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Calls `onLine` for each CRLF line the client sends. */
function lines(socket: net.Socket, onLine: (line: string) => void): void {
  let buffer = '';
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      onLine(line);
    }
  });
}

/** Reads the ClientHello, answers with a fatal alert, closes. */
const alertAfterHello = (socket: net.Socket) => socket.once('data', () => socket.end(HANDSHAKE_FAILURE_ALERT));
/** One byte of `text` a second (the first at once), never finishing within the step timeout. */
const drip = (text: string) => (socket: net.Socket) => {
  let index = 0;
  socket.write(text[index++]!);
  const timer = setInterval(() => (socket.destroyed || index >= text.length ? clearInterval(timer) : socket.write(text[index++]!)), 1000);
  socket.on('close', () => clearInterval(timer));
};
/** Writes `prefix`, then `line` over and over up to `total` bytes, respecting back-pressure. */
const flood = (prefix: string | Buffer, chunk: string, total: number) => (socket: net.Socket) => {
  socket.write(prefix);
  const block = Buffer.from(chunk.repeat(Math.ceil(65_536 / chunk.length)));
  let sent = 0;
  const pump = () => {
    while (!socket.destroyed && sent < total) {
      sent += block.length;
      if (!socket.write(block)) return void socket.once('drain', pump);
    }
  };
  pump();
};

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Runs smtp.connect → tls → auth on one memo, stopping at the first outcome that neither passes nor warns. */
async function runSmtp(account: Account): Promise<{ last: CheckOutcome; id: string; ms: number }> {
  const shared = new RunMemo();
  try {
    let last: { last: CheckOutcome; id: string; ms: number } | undefined;
    for (const check of [smtpConnectCheck, smtpTlsCheck, smtpAuthCheck] satisfies Check[]) {
      const started = performance.now();
      const outcome = await check.run(makeContext(account, { ...run, shared }));
      last = { last: outcome, id: check.id, ms: performance.now() - started };
      if (outcome.status !== 'pass' && outcome.status !== 'warn') break;
    }
    return last!;
  } finally {
    await shared.dispose();
  }
}

const smtpAccount = (port: number, security: 'tls' | 'starttls' | 'none') =>
  makeAccount({ mailbox: 'hostil@example.test', auth: { method: 'password', password: secret(PASSWORD) }, outgoing: { host: '127.0.0.1', port, security } });
const incomingAccount = (protocol: 'imap' | 'pop3', port: number, security: 'tls' | 'starttls' | 'none') =>
  makeAccount({ mailbox: 'hostil@example.test', auth: { method: 'password', password: secret(PASSWORD) }, incoming: { protocol, host: HOST, port, security } });

/**
 * A fail (not error) with this code, evidence and remediation; no secret in the evidence. Evidence keeps the
 * server's text faithfully (invalid UTF-8 decoded as U+FFFD); every human-readable report escapes its
 * control characters (`printable()` in src/report/model.ts), so what reaches a terminal, a Markdown file
 * or a JUnit file holds no raw control byte.
 */
function expectDiagnosed(outcome: CheckOutcome | undefined, code: string): CheckOutcome {
  expect(outcome).toBeDefined();
  expect({ status: outcome!.status, code: outcome!.code }).toEqual({ status: 'fail', code });
  expect(outcome!.evidence?.length).toBeGreaterThan(0);
  expect(outcome!.remediation?.length).toBeGreaterThan(0);
  for (const entry of outcome!.evidence ?? []) {
    // Well-formed: survives a UTF-8 round trip (no lone surrogates).
    expect(Buffer.from(entry.value, 'utf8').toString('utf8')).toBe(entry.value);
    expect(entry.value).not.toContain(PASSWORD);
  }
  for (const text of rendered(outcome!)) {
    expect(text).not.toMatch(CONTROL);
    expect(text).not.toContain(PASSWORD);
  }
  return outcome!;
}

/** The outcome as the table (verbose, with evidence), Markdown and JUnit reports print it. */
function rendered(outcome: CheckOutcome): string[] {
  const report: RunReport = {
    tool: { name: 'tactium-preflight', version: '0.0.0' },
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    verifiedFrom: { hostname: 'test', addresses: ['127.0.0.1'], platform: 'linux x64', proxy: null, at: new Date(0).toISOString() },
    interrupted: null,
    accounts: [
      {
        name: 'hostil',
        provider: 'imap',
        checks: [
          {
            id: 'smtp.connect',
            title: 'status.fail',
            area: 'smtp',
            status: outcome.status,
            code: outcome.code ?? null,
            reason: null,
            summary: outcome.summary,
            evidence: outcome.evidence ?? [],
            remediation: outcome.remediation ?? [],
            durationMs: 1,
            trace: [],
          },
        ],
      },
    ],
  };
  return [renderTable(report, en, { chalk: null, symbols: 'unicode', trace: false, verbose: true }), renderMarkdown(report, en), renderJunit(report, en)];
}

/** The peak heap growth while `work` runs, sampled every 10 ms. */
async function heapGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe('invalid UTF-8 and control bytes in replies: diagnosed, evidence stays printable', () => {
  it('SMTP: a 554 greeting full of invalid UTF-8 and escapes fails GREETING_REJECTED with printable evidence', async () => {
    const port = await serve((socket) => socket.end(Buffer.concat([Buffer.from('554 5.7.1 '), GARBAGE, Buffer.from(' blocked\r\n')])));
    const result = await runSmtp(smtpAccount(port, 'starttls'));
    expect(result.id).toBe('smtp.connect');
    const outcome = expectDiagnosed(result.last, 'GREETING_REJECTED');
    expect(outcome.evidence!.some((entry) => entry.value.includes('554 5.7.1 \ufffd') && entry.value.includes('blocked'))).toBe(true);
    // The escape is still visible to whoever reads the report, as text.
    expect(rendered(outcome)[0]).toContain('\\x1b[2J');
    expect(result.ms).toBeLessThan(BOUND_MS);
  });

  it('SMTP: an EHLO list with invalid UTF-8 and no STARTTLS fails STARTTLS_NOT_OFFERED with printable evidence', async () => {
    const port = await serve((socket) => {
      socket.write('220 hostile.test ESMTP\r\n');
      lines(socket, (line) => {
        if (/^EHLO/i.test(line))
          socket.write(Buffer.concat([Buffer.from('250-hostile.test '), GARBAGE, Buffer.from('\r\n250-X-'), GARBAGE, Buffer.from('\r\n250 PIPELINING\r\n')]));
        else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('500 what\r\n');
      });
    });
    const result = await runSmtp(smtpAccount(port, 'starttls'));
    expect(result.id).toBe('smtp.tls');
    expectDiagnosed(result.last, 'STARTTLS_NOT_OFFERED');
    expect(result.ms).toBeLessThan(BOUND_MS);
  });

  it('IMAP: a BYE greeting with invalid UTF-8 and escapes fails GREETING_REFUSED with printable evidence', async () => {
    const port = await serve((socket) => socket.end(Buffer.concat([Buffer.from('* BYE '), GARBAGE, Buffer.from(' go away\r\n')])));
    const result = await runIncoming(incomingAccount('imap', port, 'starttls'), run);
    expectDiagnosed(result.connect.outcome, 'GREETING_REFUSED');
    expect(result.connect.ms).toBeLessThan(BOUND_MS);
  });

  it('IMAP: a CAPABILITY answer with invalid UTF-8 and no STARTTLS fails STARTTLS_NOT_OFFERED with printable evidence', async () => {
    const port = await serve((socket) => {
      socket.write('* OK hostile IMAP ready\r\n');
      lines(socket, (line) => {
        const [tag = '*', command = ''] = line.split(' ');
        if (/^CAPABILITY$/i.test(command))
          socket.write(Buffer.concat([Buffer.from('* CAPABILITY IMAP4rev1 X-'), GARBAGE, Buffer.from(` AUTH=PLAIN\r\n${tag} OK done\r\n`)]));
        else if (/^LOGOUT$/i.test(command)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} BAD what\r\n`);
      });
    });
    const result = await runIncoming(incomingAccount('imap', port, 'starttls'), run);
    expectDiagnosed(result.tls.outcome, 'STARTTLS_NOT_OFFERED');
    expect(result.tls.ms).toBeLessThan(BOUND_MS);
  });

  it('POP3: an -ERR greeting with invalid UTF-8 and escapes fails GREETING_REFUSED with printable evidence', async () => {
    const port = await serve((socket) => socket.end(Buffer.concat([Buffer.from('-ERR '), GARBAGE, Buffer.from(' go away\r\n')])));
    const result = await runIncoming(incomingAccount('pop3', port, 'starttls'), run);
    expectDiagnosed(result.connect.outcome, 'GREETING_REFUSED');
    expect(result.connect.ms).toBeLessThan(BOUND_MS);
  });
});

describe('a TLS alert in the middle of the handshake (handshake_failure after the ClientHello)', () => {
  it('SMTP implicit TLS fails TLS_HANDSHAKE_FAILED within the bound', async () => {
    const port = await serve(alertAfterHello);
    const result = await runSmtp(smtpAccount(port, 'tls'));
    expectDiagnosed(result.last, 'TLS_HANDSHAKE_FAILED');
    expect(result.ms).toBeLessThan(BOUND_MS);
  });

  it('SMTP STARTTLS fails TLS_HANDSHAKE_FAILED within the bound', async () => {
    const port = await serve((socket) => {
      socket.write('220 hostile.test ESMTP\r\n');
      let upgrading = false;
      socket.on('data', (chunk: Buffer) => {
        if (upgrading) return void socket.end(HANDSHAKE_FAILURE_ALERT);
        const text = chunk.toString('latin1');
        if (/^EHLO/i.test(text)) socket.write('250-hostile.test\r\n250 STARTTLS\r\n');
        else if (/^STARTTLS/i.test(text)) {
          upgrading = true;
          socket.write('220 2.0.0 Ready to start TLS\r\n');
        } else socket.write('500 what\r\n');
      });
    });
    const result = await runSmtp(smtpAccount(port, 'starttls'));
    expect(result.id).toBe('smtp.tls');
    expectDiagnosed(result.last, 'TLS_HANDSHAKE_FAILED');
    expect(result.ms).toBeLessThan(BOUND_MS);
  });

  for (const protocol of ['imap', 'pop3'] as const) {
    it(`${protocol.toUpperCase()} implicit TLS fails TLS_HANDSHAKE_FAILED within the bound`, async () => {
      const port = await serve(alertAfterHello);
      const result = await runIncoming(incomingAccount(protocol, port, 'tls'), run);
      const outcome = result.tls.outcome ?? result.connect.outcome;
      expectDiagnosed(outcome, 'TLS_HANDSHAKE_FAILED');
      expect(result.connect.ms + result.tls.ms).toBeLessThan(BOUND_MS);
    });
  }
});

describe('a server that closes in the middle of AUTH (after the continuation)', () => {
  it('SMTP: closing after 334 fails smtp.auth with CONNECTION_CLOSED, not an error', async () => {
    const port = await serve((socket) => {
      socket.write('220 hostile.test ESMTP\r\n');
      let inAuth = false;
      lines(socket, (line) => {
        if (inAuth) return void socket.destroy();
        if (/^EHLO/i.test(line)) socket.write('250-hostile.test\r\n250 AUTH LOGIN\r\n');
        else if (/^AUTH/i.test(line)) {
          inAuth = true;
          socket.write('334 VXNlcm5hbWU6\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('500 what\r\n');
      });
    }, true);
    const result = await runSmtp(smtpAccount(port, 'tls'));
    expect(result.id).toBe('smtp.auth');
    expectDiagnosed(result.last, 'CONNECTION_CLOSED');
    expect(result.ms).toBeLessThan(BOUND_MS);
  });

  it('IMAP: closing after "+" fails incoming.auth with CONNECTION_CLOSED, not an error', async () => {
    const port = await serve((socket) => {
      socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hostile IMAP ready\r\n');
      let inAuth = false;
      lines(socket, (line) => {
        if (inAuth) return void socket.destroy();
        const [tag = '*', command = ''] = line.split(' ');
        if (/^CAPABILITY$/i.test(command)) socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
        else if (/^(AUTHENTICATE|LOGIN)$/i.test(command)) {
          inAuth = true;
          socket.write('+ \r\n');
        } else if (/^LOGOUT$/i.test(command)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} BAD what\r\n`);
      });
    }, true);
    const result = await runIncoming(incomingAccount('imap', port, 'tls'), run);
    expectDiagnosed(result.auth.outcome, 'CONNECTION_CLOSED');
    expect(result.auth.ms).toBeLessThan(BOUND_MS);
  });

  it('POP3: closing after "+" fails incoming.auth with CONNECTION_CLOSED, not an error', async () => {
    const port = await serve((socket) => {
      socket.write('+OK hostile POP3 ready\r\n');
      let inAuth = false;
      lines(socket, (line) => {
        if (inAuth) return void socket.destroy();
        const command = (line.split(' ')[0] ?? '').toUpperCase();
        if (command === 'CAPA') socket.write('+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n');
        else if (command === 'AUTH' || command === 'USER') {
          inAuth = true;
          socket.write(command === 'AUTH' ? '+ \r\n' : '+OK\r\n');
        } else if (command === 'QUIT') socket.end('+OK bye\r\n');
        else socket.write('-ERR what\r\n');
      });
    }, true);
    const result = await runIncoming(incomingAccount('pop3', port, 'tls'), run);
    expectDiagnosed(result.auth.outcome, 'CONNECTION_CLOSED');
    expect(result.auth.ms).toBeLessThan(BOUND_MS);
  });
});

describe('a greeting dripped one byte a second', () => {
  it('IMAP fails GREETING_TIMEOUT within the step timeout + 1 s', async () => {
    const port = await serve(drip('* OK slow IMAP ready\r\n'));
    const result = await runIncoming(incomingAccount('imap', port, 'starttls'), run);
    expectDiagnosed(result.connect.outcome, 'GREETING_TIMEOUT');
    expect(result.connect.ms).toBeLessThan(BOUND_MS);
  });

  it('POP3 fails GREETING_TIMEOUT within the step timeout + 1 s', async () => {
    const port = await serve(drip('+OK slow POP3 ready\r\n'));
    const result = await runIncoming(incomingAccount('pop3', port, 'starttls'), run);
    expectDiagnosed(result.connect.outcome, 'GREETING_TIMEOUT');
    expect(result.connect.ms).toBeLessThan(BOUND_MS);
  });
});

describe('10 MB floods: bounded in time and memory', () => {
  const TEN_MB = 10 * 1024 * 1024;
  const HEAP_LIMIT = 50 * 1024 * 1024;

  it('SMTP: a 10 MB greeting line fails LINE_TOO_LONG, heap growth under 50 MB', async () => {
    const port = await serve(flood('220-', 'A', TEN_MB));
    const { value: result, growth } = await heapGrowth(() => runSmtp(smtpAccount(port, 'starttls')));
    expectDiagnosed(result.last, 'LINE_TOO_LONG');
    expect(result.ms).toBeLessThan(BOUND_MS);
    expect(growth).toBeLessThan(HEAP_LIMIT);
  });

  it('IMAP: an endless untagged CAPABILITY answer (10 MB) fails REPLY_TOO_LONG, heap growth under 50 MB', async () => {
    const port = await serve((socket) => {
      socket.write('* OK hostile IMAP ready\r\n');
      socket.once('data', () => flood('', '* CAPABILITY IMAP4rev1 X-PADDING-EXTENSION-TO-FILL-MEMORY\r\n', TEN_MB)(socket));
    });
    const { value: result, growth } = await heapGrowth(() => runIncoming(incomingAccount('imap', port, 'starttls'), run));
    expectDiagnosed(result.tls.outcome, 'REPLY_TOO_LONG');
    expect(result.tls.ms).toBeLessThan(BOUND_MS);
    expect(growth).toBeLessThan(HEAP_LIMIT);
  });

  it('POP3: a 10 MB greeting line fails LINE_TOO_LONG, heap growth under 50 MB', async () => {
    const port = await serve(flood('+OK ', 'A', TEN_MB));
    const { value: result, growth } = await heapGrowth(() => runIncoming(incomingAccount('pop3', port, 'starttls'), run));
    expectDiagnosed(result.connect.outcome, 'LINE_TOO_LONG');
    expect(result.connect.ms).toBeLessThan(BOUND_MS);
    expect(growth).toBeLessThan(HEAP_LIMIT);
  });
});
