/**
 * The demo sandbox: loopback mail servers with certificates generated at run time (node-forge, no openssl),
 * started in-process so `npm run demo` needs nothing but Node. SMTP is the real `smtp-server` package;
 * IMAP and POP3 are the tiny servers beside this file; Entra ID is the stand-in the test suite also uses
 * (standins/entra-standin), whose app tokens the mail servers accept as Exchange would; Google's token
 * endpoint is a shared stand-in too (standins/google-token-standin.ts), whose access tokens the mail
 * servers accept as Gmail would.
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createCa, daysFromNow, issueCert } from '../standins/certs.js';
import { createTenant, registerApp, startEntraStandin } from '../standins/entra-standin/index.js';
import { GMAIL_SCOPE, startGoogleTokenStandin } from '../standins/google-token-standin.js';
import { startDnsServer } from '../standins/dns-server/index.js';
import { startImapServer } from './imap-server.js';
import { startPop3Server } from './pop3-server.js';
import { tokenUser, type Credentials } from './line-server.js';

export interface SandboxUser {
  readonly address: string;
  readonly password: string;
}

/** An Office 365 app of the demo tenant, as fixtures/demo.yaml names it. */
export interface SandboxApp {
  readonly clientId: string;
  /** The App registrations Object ID (not the one Exchange needs). */
  readonly applicationObjectId: string;
  /** The Enterprise applications Object ID: the token's `oid`, what New-ServicePrincipal needs. */
  readonly servicePrincipalId: string;
  readonly secretId: string;
  /** Made up for the sandbox: it authenticates to the local stand-in only. */
  readonly secret: string;
  readonly mailbox: string;
}

/**
 * The demo's Office 365 tenant in the local Entra ID stand-in (the same IDs as fixtures/demo.yaml): one app
 * set up right (registered in Exchange, FullAccess on its mailbox), one with the classic mistakes (the App
 * registrations Object ID sent, so New-ServicePrincipal was run with it: Exchange does not know the app).
 */
/** The domain of every demo mailbox (the .test top-level domain exists nowhere, RFC 2606). */
export const DEMO_MAIL_DOMAIN = 'demo.tactium.test';
export const DEMO_TENANT = { id: '7d3c9b2e-5a14-4f6b-8e2d-1c0a9f8e7d6c', domain: 'demo-tactium.onmicrosoft.com' } as const;
export const DEMO_APPS = {
  healthy: {
    clientId: '2b7f4c9e-0d1a-4e3b-9c5d-6f8a1b2c3d4e',
    applicationObjectId: '5e1d8a3c-7b2f-4a9e-8d6c-0f1e2a3b4c5d',
    servicePrincipalId: '6d4a2c8e-1f3b-4d5a-9e7c-8b0a1c2d3e4f',
    secretId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    secret: 'sbx~Demo-Client-Secret-Not-Real-000001',
    mailbox: 'suporte@demo.tactium.test',
  },
  broken: {
    clientId: '3c8e5d0f-1e2b-4f4c-8d6e-7a9b2c3d4e5f',
    applicationObjectId: '4f2e9b1d-6c3a-4b8f-9e5d-2a1b0c9d8e7f',
    servicePrincipalId: '6d9c1b3a-2e4f-4c6b-8a0d-9f8e7d6c5b4a',
    secretId: '8b7a6c5d-4e3f-4b2a-9c1d-0e9f8a7b6c5d',
    secret: 'sbx~Demo-Client-Secret-Not-Real-000002',
    mailbox: 'vendas@demo.tactium.test',
  },
} as const satisfies Record<string, SandboxApp>;

/** A Google OAuth grant of the demo, as fixtures/demo.yaml names it. */
export interface SandboxGoogleGrant {
  readonly clientId: string;
  /** Made up for the sandbox, in Google's forms: they authenticate to the local stand-in only. */
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly mailbox: string;
}

/**
 * The demo's Google Cloud OAuth client and two grants: one live, one the user revoked (Google Account ›
 * Security › Third-party apps), so the token endpoint answers `invalid_grant`.
 */
export const DEMO_GOOGLE = {
  healthy: {
    clientId: '814265930127-d3m0tact1umsandb0x0healthy0k.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-sbx-Demo-Google-Secret-Not-Real-1',
    refreshToken: '1//0sbx-Demo-Google-Refresh-Token-Not-Real-000001',
    mailbox: 'sac@demo.tactium.test',
  },
  broken: {
    clientId: '814265930127-d3m0tact1umsandb0x0healthy0k.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-sbx-Demo-Google-Secret-Not-Real-1',
    refreshToken: '1//0sbx-Demo-Google-Refresh-Token-Not-Real-000002',
    mailbox: 'cobranca@demo.tactium.test',
  },
} as const satisfies Record<string, SandboxGoogleGrant>;

export interface Sandbox {
  readonly caPem: string;
  readonly ports: { smtpStarttls: number; smtpImplicit: number; imapValid: number; imapExpired: number; pop3Valid: number };
  readonly users: { healthy: SandboxUser; broken: SandboxUser; gmailAppPassword: SandboxUser };
  /** The Entra ID stand-in: `endpoints.login` of the Office 365 OAuth accounts. */
  readonly entra: { readonly login: string; readonly apps: typeof DEMO_APPS };
  /** The Google token stand-in: `endpoints.googleToken` of the Gmail OAuth accounts. */
  readonly google: { readonly token: string; readonly grants: typeof DEMO_GOOGLE };
  /**
   * DNS servers (`endpoints.dns`, "127.0.0.1:PORT") for dns.mx. Every demo mailbox is at demo.tactium.test,
   * so each provider has its own view of that domain, as if each account lived on its own domain: its MX
   * at Microsoft, at Google, or at the company's own server.
   */
  readonly dns: { readonly microsoft: string; readonly google: string; readonly own: string };
  close(): Promise<void>;
}

async function startSmtp(options: { secure: boolean; key: string; cert: string; credentials: Credentials }): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    secure: options.secure,
    key: options.key,
    cert: options.cert,
    minVersion: 'TLSv1.2',
    name: 'sandbox.tactium.test',
    banner: 'Tactium sandbox ESMTP',
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    // As real submission servers do: AUTH is offered only after STARTTLS.
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, _session, callback) {
      const user = auth.username ?? '';
      if (auth.method === 'XOAUTH2') {
        return tokenUser(options.credentials, auth.accessToken ?? '') === user
          ? callback(null, { user })
          : callback(null, { data: { status: '401', schemes: 'bearer' } });
      }
      if (options.credentials.passwords[user] !== undefined && options.credentials.passwords[user] === auth.password) return callback(null, { user });
      const error = new Error('5.7.8 Authentication credentials invalid') as Error & { responseCode: number };
      error.responseCode = 535;
      return callback(error);
    },
    onData(stream, _session, callback) {
      // Nothing is delivered: the message is read and dropped, and a queue id is returned.
      stream.resume();
      stream.on('end', () => callback(null, `2.0.0 Ok: queued as ${randomUUID().slice(0, 12).toUpperCase()}`));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startSandbox(): Promise<Sandbox> {
  const ca = createCa('Tactium Sandbox CA');
  const hosts = ['127.0.0.1', 'localhost'];
  const valid = issueCert(ca, { hosts });
  const expired = issueCert(ca, { hosts, notBefore: daysFromNow(-400), notAfter: daysFromNow(-3) });
  // Demo-only logins of the loopback sandbox servers (the .test domain exists nowhere): not real credentials.
  const healthy = { address: 'atendimento@demo.tactium.test', password: 'sandbox-Atendimento-2026' };
  const broken = { address: 'financeiro@demo.tactium.test', password: 'sandbox-Financeiro-2026' };
  // A Gmail app password has Google's shape: 16 letters (shown in groups of four, used without spaces).
  const gmailAppPassword = { address: 'vendas@demo.tactium.test', password: 'tactiumsandboxok' };
  const entra = await startEntraStandin({ ca, hosts });
  const tenant = createTenant({ id: DEMO_TENANT.id, displayName: 'Demo Tactium', domains: [DEMO_TENANT.domain, DEMO_MAIL_DOMAIN] });
  entra.directory.tenants.push(tenant);
  for (const app of Object.values(DEMO_APPS)) {
    registerApp(entra.directory, {
      home: tenant,
      appId: app.clientId,
      objectId: app.applicationObjectId,
      servicePrincipalId: app.servicePrincipalId,
      secrets: [{ value: app.secret, keyId: app.secretId }],
      exchangeRoles: ['IMAP.AccessAsApp', 'POP.AccessAsApp', 'SMTP.SendAsApp'],
    });
  }
  // The Exchange side Entra cannot see: only the healthy app's service principal was registered
  // (New-ServicePrincipal) and given FullAccess on its mailbox.
  const exchangeAccess = new Map<string, string>([[DEMO_APPS.healthy.servicePrincipalId, DEMO_APPS.healthy.mailbox]]);
  const appTokenUser = (token: string): string | undefined => {
    const issued = entra.tokens.get(token);
    if (!issued || issued.expiresAt.getTime() <= Date.now()) return undefined;
    return exchangeAccess.get(issued.oid);
  };
  const google = await startGoogleTokenStandin({
    certificate: valid,
    clients: [{ id: DEMO_GOOGLE.healthy.clientId, secret: DEMO_GOOGLE.healthy.clientSecret, publishing: 'production' }],
    refreshTokens: [
      { token: DEMO_GOOGLE.healthy.refreshToken, clientId: DEMO_GOOGLE.healthy.clientId, user: DEMO_GOOGLE.healthy.mailbox, scopes: [GMAIL_SCOPE] },
      {
        token: DEMO_GOOGLE.broken.refreshToken,
        clientId: DEMO_GOOGLE.broken.clientId,
        user: DEMO_GOOGLE.broken.mailbox,
        scopes: [GMAIL_SCOPE],
        state: 'revoked',
      },
    ],
  });
  // Gmail accepts an access token issued with the mail scope for the account that granted it.
  const mailTokenUser = (token: string): string | undefined => appTokenUser(token) ?? google.smtpTokens[token];
  const credentials: Credentials = {
    passwords: { [healthy.address]: healthy.password, [broken.address]: broken.password, [gmailAppPassword.address]: gmailAppPassword.password },
    tokens: mailTokenUser,
  };

  const servers = await Promise.all([
    startSmtp({ secure: false, ...valid, credentials }),
    startSmtp({ secure: true, ...valid, credentials }),
    startImapServer({ implicitTls: true, tls: valid, credentials }),
    startImapServer({ implicitTls: true, tls: expired, credentials }),
    startPop3Server({ implicitTls: true, tls: valid, credentials }),
  ]);
  const [smtpStarttls, smtpImplicit, imapValid, imapExpired, pop3Valid] = servers;
  const mx = (exchange: string) => startDnsServer({ [DEMO_MAIL_DOMAIN]: { mx: [{ priority: 10, exchange }] } });
  const dnsViews = await Promise.all([mx('demo-tactium-test.mail.protection.outlook.com'), mx('smtp.google.com'), mx('mx.demo.tactium.test')]);
  return {
    caPem: ca.pem,
    ports: {
      smtpStarttls: smtpStarttls.port,
      smtpImplicit: smtpImplicit.port,
      imapValid: imapValid.port,
      imapExpired: imapExpired.port,
      pop3Valid: pop3Valid.port,
    },
    users: { healthy, broken, gmailAppPassword },
    entra: { login: entra.origin, apps: DEMO_APPS },
    google: { token: google.url, grants: DEMO_GOOGLE },
    dns: { microsoft: dnsViews[0].address, google: dnsViews[1].address, own: dnsViews[2].address },
    close: async () => {
      await Promise.all([...servers.map((server) => server.close()), ...dnsViews.map((view) => view.close()), entra.close(), google.stop()]);
    },
  };
}
