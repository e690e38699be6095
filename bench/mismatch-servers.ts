/**
 * The servers `npm run bench` configures with the wrong security: an SMTPS (465-style) and an IMAPS port,
 * plaintext-first SMTP and IMAP ports, a plaintext SMTP server that says nothing to a client that talks
 * first, and a tarpit. Used by `npm run bench` only.
 */
import { createCa, issueCert } from '../standins/certs.js';
import { closeFaultServers, startScriptedSmtp, tarpit } from '../standins/fault-servers.js';
import { startImapServer } from '../sandbox/imap-server.js';

export interface MismatchServers {
  readonly ports: {
    readonly smtps: number;
    readonly imaps: number;
    readonly smtpPlain: number;
    readonly imapPlain: number;
    readonly smtpSilentToEarlyTalkers: number;
    readonly silent: number;
  };
  close(): Promise<void>;
}

export async function startMismatchServers(): Promise<MismatchServers> {
  const certificate = issueCert(createCa('Tactium Bench Mismatch CA'), { hosts: ['127.0.0.1', 'localhost'] });
  const credentials = { passwords: {}, tokens: {} };
  const [smtps, imaps, smtpPlain, imapPlain, smtpSilentToEarlyTalkers, silent] = await Promise.all([
    startScriptedSmtp({ certificate, implicitTls: true }),
    startImapServer({ implicitTls: true, tls: certificate, credentials }),
    startScriptedSmtp({ certificate }),
    startImapServer({ implicitTls: false, tls: certificate, credentials }),
    startScriptedSmtp({ certificate, greetingDelayMs: 500, silentToEarlyTalkers: true }),
    tarpit(),
  ]);
  return {
    ports: {
      smtps: smtps.port,
      imaps: imaps.port,
      smtpPlain: smtpPlain.port,
      imapPlain: imapPlain.port,
      smtpSilentToEarlyTalkers: smtpSilentToEarlyTalkers.port,
      silent: silent.port,
    },
    close: async () => {
      await Promise.all([imaps.close(), imapPlain.close(), closeFaultServers()]);
    },
  };
}
