/**
 * gmail.credentials: the Gmail credentials work, with Google's own reasons when they do not.
 *
 * - OAuth (a Google Cloud OAuth client, not Azure: https://developers.google.com/gmail/imap/xoauth2-protocol): the client ID, client secret and
 *   refresh token are exchanged for an access token at Google's token endpoint, and the token must carry
 *   `https://mail.google.com/`. The token stays in memory and is what incoming.auth and smtp.auth log in
 *   with (shared/google-token-provider.ts). Every documented refusal gets its Cloud console / Admin console fix.
 *   In order: a failed `--login` sign-in is the outcome (sign-in-outcome.ts); with no refresh token at all
 *   (none in the file, none from `--login`) only the client is proved and the check skips asking for
 *   `--login`; otherwise the refresh — `--login`'s token first, else the file's.
 * - App password: its shape. Google shows it as four groups of four letters; spaces are removed for the
 *   logins (login-password.ts) and reported here; a value that is not 16 letters is probably the account's
 *   normal password, which Google refuses for IMAP/POP/SMTP. The logins themselves are incoming.auth's and
 *   smtp.auth's, which read Google's replies.
 */
import type { Account } from '../../config/types.js';
import type { GoogleTokenResponse } from '../../identity/google-token.js';
import type { GoogleSignIn } from '../../signin/google-result.js';
import { googleSignInResult, obtainGoogleToken, probeGoogleClient } from '../shared/google-token-provider.js';
import { fileRefreshToken, googleTokenCode, isGoogleOauthAccount, missingGoogleClientKeys } from '../../identity/google-account.js';
import { passwordShape } from '../../identity/login-password.js';
import { msg } from '../../i18n/index.js';
import type { Message, MessageArgs, MessageKey } from '../../core/message.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import {
  CLOUD_AUDIENCE_URL,
  CLOUD_CLIENTS_URL,
  GMAIL_SCOPE,
  GOOGLE_APP_PASSWORDS_URL,
  GOOGLE_CONNECTIONS_URL,
  GOOGLE_TWO_STEP_URL,
} from '../../providers/google.js';
import { addMailScope, clientIdOf, isWorkspaceMailbox, reauthorise, trustClient } from './shared/remediation.js';
import { googleLoginCommand, isTokenEndpointFailure, signInEvidence, signInFailureOutcome } from './shared/sign-in-outcome.js';

export const gmailCredentialsCheck = defineCheck({
  id: 'gmail.credentials',
  area: 'gmail',
  title: 'gmail.credentials.title',
  needs: ['network', 'credentials'],
  usesLogin: ['google'],
  // One token request (bounded by the step timeout); the app-password path reads the file only.
  steps: 1,
  appliesTo(account: Account) {
    if (account.provider !== 'gmail') return msg('gmail.credentials.notGmail');
    if (account.auth.method === 'oauth2' && (missingGoogleClientKeys(account).length > 0 || (account.auth.accessToken && !fileRefreshToken(account)))) {
      // Config rule gmail.oauth2 lets this through only with auth.accessToken: the servers prove that token.
      return msg('gmail.credentials.accessTokenOnly');
    }
    return true;
  },
  async run(context) {
    const { account } = context;
    if (!isGoogleOauthAccount(account)) return appPasswordOutcome(account);
    const signIn = await googleSignInResult(context);
    if (signIn?.kind === 'failed') return signInFailed(context, signIn);
    if (signIn?.kind !== 'signed-in' && !fileRefreshToken(account)) return withoutRefreshToken(context, signIn);
    const outcome = tokenOutcome(context, await obtainGoogleToken(context));
    return { ...outcome, evidence: [refreshTokenSource(account, signIn), ...(outcome.evidence ?? [])] };
  },
});

// ---------------------------------------------------------------------------------------------------
// Where the refresh token comes from: `--login` (this run), or the file

function refreshTokenSource(account: Account, signIn: GoogleSignIn | undefined): Evidence {
  if (signIn?.kind === 'signed-in')
    return { label: 'gmail.evidence.refreshToken', value: `--login (${signIn.via}, ${signIn.redirectUri}${signIn.shown ? ', shown once' : ''})` };
  return { label: 'gmail.evidence.refreshToken', value: account.auth.refreshToken?.reference ?? 'auth.refreshToken' };
}

/**
 * `--login` gave no refresh token: the sign-in's failure is the outcome. The file's refresh token, when
 * there is one, is still what the mail checks use: how Google answered it is added to the evidence.
 */
async function signInFailed(context: CheckContext, signIn: Extract<GoogleSignIn, { kind: 'failed' }>): Promise<CheckOutcome> {
  const { account } = context;
  const fileEvidence: Evidence[] = [];
  if (fileRefreshToken(account)) {
    const code = googleTokenCode(await obtainGoogleToken(context));
    fileEvidence.push({
      label: 'gmail.evidence.fileRefreshToken',
      value: `${account.auth.refreshToken?.reference ?? 'auth.refreshToken'}: ${code ?? 'accepted'}`,
    });
  }
  if (signIn.response && isTokenEndpointFailure(signIn)) {
    const outcome = tokenOutcome(context, signIn.response);
    return { ...outcome, evidence: [...signInEvidence(signIn), ...(outcome.evidence ?? []), ...fileEvidence] };
  }
  return signInFailureOutcome(context, signIn, fileEvidence);
}

/**
 * No refresh token in the file and none from `--login`: the mailbox sign-in cannot be proven without a
 * person signing in. What can be proven is the client: a refresh with a placeholder token makes Google
 * authenticate the client first (RFC 6749 §6: invalid_client for a wrong ID or secret) and only then
 * refuse the token (invalid_grant) — so invalid_grant here means the client ID and secret are right.
 */
async function withoutRefreshToken(context: CheckContext, signIn: GoogleSignIn | undefined): Promise<CheckOutcome> {
  const { account } = context;
  const response = await probeGoogleClient(context);
  const code = googleTokenCode(response);
  const none: Evidence = { label: 'gmail.evidence.refreshToken', value: 'none (no auth.refreshToken in the file)' };
  if (code !== 'GOOGLE_INVALID_GRANT') {
    // The client refused, or Google not reached: that diagnosis first. A token for a placeholder is not Google.
    const outcome =
      response.kind === 'token'
        ? tokenOutcome(context, {
            kind: 'http-error',
            endpoint: response.endpoint,
            elapsedMs: response.elapsedMs,
            httpStatus: response.httpStatus,
            body: '(a token for a placeholder refresh token)',
          })
        : tokenOutcome(context, response);
    return { ...outcome, evidence: [none, ...(outcome.evidence ?? [])] };
  }
  const clientId = clientIdOf(account);
  const noTerminal = signIn?.kind === 'no-terminal';
  const addToken: Remediation = {
    kind: 'text',
    message: msg('gmail.fix.addRefreshToken', { clientId, mailbox: account.mailbox }),
    target: 'refreshToken: ${env:GOOGLE_REFRESH_TOKEN}',
  };
  return {
    status: 'skip',
    code: noTerminal ? 'LOGIN_NO_TERMINAL' : 'LOGIN_REQUIRED',
    summary: msg(noTerminal ? 'gmail.noRefresh.noTerminal' : 'gmail.noRefresh.loginRequired', { clientId, mailbox: account.mailbox }),
    evidence: [
      none,
      { label: 'gmail.evidence.clientCheck', value: 'invalid_grant for a placeholder refresh token: client ID and secret accepted' },
      ...tokenEvidence(account, response),
    ],
    remediation: noTerminal
      ? [
          { kind: 'text', message: msg('gmail.fix.needsTerminal') },
          { kind: 'command', message: msg('gmail.fix.runWithLogin', { mailbox: account.mailbox }), target: googleLoginCommand(context, true) },
          addToken,
        ]
      : [{ kind: 'command', message: msg('gmail.fix.runWithLogin', { mailbox: account.mailbox }), target: googleLoginCommand(context, true) }, addToken],
  };
}

// ---------------------------------------------------------------------------------------------------
// App password

function appPasswordOutcome(account: Account): CheckOutcome {
  const user = account.auth.username ?? account.mailbox;
  const password = account.auth.password;
  const reference = password?.reference ?? 'auth.password';
  if (!password || password.isEmpty) {
    return {
      status: 'fail',
      code: 'AUTH_PASSWORD_MISSING',
      summary: msg('gmail.appPassword.missing', { reference }),
      evidence: [{ label: 'gmail.evidence.loginName', value: user }],
      remediation: [{ kind: 'url', message: msg('gmail.fix.createAppPassword', { user, reference }), target: GOOGLE_APP_PASSWORDS_URL }],
    };
  }
  const shape = passwordShape(password);
  const evidence: Evidence[] = [
    { label: 'gmail.evidence.loginName', value: user },
    { label: 'gmail.evidence.passwordSource', value: reference },
    {
      label: 'gmail.evidence.passwordShape',
      value: shape.looksLikeAppPassword
        ? `16 letters${shape.removedSpaces > 0 ? ` (+${shape.removedSpaces} spaces removed)` : ''}`
        : `${shape.length} characters${shape.lettersOnly ? '' : ', not only letters'}`,
    },
  ];
  if (!shape.looksLikeAppPassword) {
    const fixes: Remediation[] = [
      { kind: 'url', message: msg('gmail.fix.turnOnTwoStep', { user }), target: GOOGLE_TWO_STEP_URL },
      { kind: 'url', message: msg('gmail.fix.createAppPassword', { user, reference }), target: GOOGLE_APP_PASSWORDS_URL },
    ];
    if (isWorkspaceMailbox(account)) fixes.push({ kind: 'portal', message: msg('gmail.fix.workspaceTwoStep') });
    return {
      status: 'warn',
      code: 'GMAIL_NOT_APP_PASSWORD',
      summary: msg('gmail.appPassword.notAppPassword', { user, reference }),
      evidence,
      remediation: fixes,
    };
  }
  if (shape.normalised) {
    return {
      status: 'warn',
      code: 'GMAIL_APP_PASSWORD_SPACES',
      summary: msg('gmail.appPassword.spaces', { reference, spaces: shape.removedSpaces }),
      evidence,
      remediation: [{ kind: 'text', message: msg('gmail.fix.removeSpaces', { reference }) }],
    };
  }
  return { status: 'pass', summary: msg('gmail.appPassword.pass', { user }), evidence };
}

// ---------------------------------------------------------------------------------------------------
// OAuth

function tokenEvidence(account: Account, response: GoogleTokenResponse): Evidence[] {
  const evidence: Evidence[] = [
    { label: 'gmail.evidence.tokenEndpoint', value: response.endpoint },
    { label: 'gmail.evidence.clientId', value: clientIdOf(account) },
  ];
  if (response.proxy) evidence.push({ label: 'gmail.evidence.proxy', value: response.proxy });
  switch (response.kind) {
    case 'token':
      evidence.push({ label: 'gmail.evidence.httpStatus', value: String(response.httpStatus) });
      evidence.push({ label: 'gmail.evidence.scopes', value: response.scopes.join(' ') || '(none)' });
      if (response.expiresInSeconds !== undefined) evidence.push({ label: 'gmail.evidence.expiresIn', value: `${response.expiresInSeconds} s` });
      break;
    case 'oauth-error':
      evidence.push({ label: 'gmail.evidence.httpStatus', value: String(response.httpStatus) });
      evidence.push({ label: 'gmail.evidence.oauthError', value: response.error });
      if (response.description) evidence.push({ label: 'gmail.evidence.errorDescription', value: response.description });
      break;
    case 'http-error':
      evidence.push({ label: 'gmail.evidence.httpStatus', value: String(response.httpStatus) });
      if (response.contentType) evidence.push({ label: 'gmail.evidence.contentType', value: response.contentType });
      if (response.body) evidence.push({ label: 'gmail.evidence.body', value: response.body });
      break;
    case 'network':
      evidence.push({ label: 'gmail.evidence.failure', value: `${response.nodeCode ? `${response.nodeCode}: ` : ''}${response.detail}` });
      if (response.proxyStatus !== undefined) evidence.push({ label: 'gmail.evidence.proxyStatus', value: String(response.proxyStatus) });
      if (response.certificate) {
        evidence.push({ label: 'gmail.evidence.certificateSubject', value: response.certificate.subject || '(none)' });
        evidence.push({
          label: 'gmail.evidence.certificateIssuer',
          value: `${response.certificate.issuer || '(none)'}${response.certificate.selfSigned ? ' (self-signed)' : ''}`,
        });
      }
      break;
  }
  evidence.push({ label: 'gmail.evidence.elapsed', value: `${response.elapsedMs} ms` });
  return evidence;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).hostname;
  } catch {
    return endpoint;
  }
}

/** The YAML lines that make the tool trust a TLS-inspecting proxy's root (`tls.caFile`). */
const CA_FILE_YAML = 'tls:\n  caFile: ./corporate-root.pem';

export function tokenOutcome(context: CheckContext, response: GoogleTokenResponse): CheckOutcome {
  const { account } = context;
  const evidence = tokenEvidence(account, response);
  const clientId = clientIdOf(account);
  const code = googleTokenCode(response);
  const host = hostOf(response.endpoint);
  const secretReference = account.auth.clientSecret?.reference ?? 'auth.clientSecret';
  const fail = (summary: Message, remediation: Remediation[], status: 'fail' | 'warn' = 'fail'): CheckOutcome => ({
    status,
    code: code ?? 'GOOGLE_OAUTH_ERROR',
    summary,
    evidence,
    remediation,
  });
  const text = <K extends MessageKey>(key: K, ...params: MessageArgs<K>): Remediation => ({ kind: 'text', message: msg(key, ...params) });

  if (response.kind === 'token' && code === undefined) {
    const minutes = response.expiresInSeconds !== undefined ? Math.round(response.expiresInSeconds / 60) : '?';
    return { status: 'pass', summary: msg('gmail.token.pass', { clientId, scope: GMAIL_SCOPE, minutes }), evidence };
  }
  switch (code) {
    case 'GOOGLE_SCOPE_MISSING':
      return fail(
        msg('gmail.token.scopeMissing', { clientId, scope: GMAIL_SCOPE, granted: response.kind === 'token' ? response.scopes.join(' ') || '(none)' : '' }),
        addMailScope(account),
      );
    case 'GOOGLE_CLIENT_NOT_FOUND':
      return fail(msg('gmail.token.clientNotFound', { clientId }), [
        { kind: 'url', message: msg('gmail.fix.findClient', { clientId }), target: CLOUD_CLIENTS_URL },
        text('gmail.fix.notAzure'),
      ]);
    case 'GOOGLE_CLIENT_SECRET_WRONG':
      return fail(msg('gmail.token.secretWrong', { clientId, reference: secretReference }), [
        { kind: 'url', message: msg('gmail.fix.newClientSecret', { clientId, reference: secretReference }), target: CLOUD_CLIENTS_URL },
      ]);
    case 'GOOGLE_INVALID_GRANT': {
      const unknown = response.kind === 'oauth-error' && /^bad request$/i.test((response.description ?? '').trim());
      const fixes: Remediation[] = [
        { kind: 'url', message: msg('gmail.fix.publishApp'), target: CLOUD_AUDIENCE_URL },
        { kind: 'url', message: msg('gmail.fix.revokedCauses', { mailbox: account.mailbox }), target: GOOGLE_CONNECTIONS_URL },
        reauthorise(account),
      ];
      if (unknown) fixes.unshift(text('gmail.fix.copyRefreshToken', { reference: account.auth.refreshToken?.reference ?? 'auth.refreshToken' }));
      return fail(msg(unknown ? 'gmail.token.grantUnknown' : 'gmail.token.grantExpired', { clientId }), fixes);
    }
    case 'GOOGLE_UNAUTHORIZED_CLIENT':
      return fail(msg('gmail.token.unauthorizedClient', { clientId }), [text('gmail.fix.sameClient', { clientId }), reauthorise(account)]);
    case 'GOOGLE_ADMIN_POLICY_ENFORCED':
      return fail(msg('gmail.token.adminPolicy', { clientId, mailbox: account.mailbox }), trustClient(account));
    case 'GOOGLE_INVALID_SCOPE':
      return fail(msg('gmail.token.invalidScope', { clientId, scope: GMAIL_SCOPE }), addMailScope(account));
    case 'GOOGLE_TOKEN_SERVER_ERROR':
      return fail(msg('gmail.token.serverError', { status: response.kind === 'http-error' ? response.httpStatus : 0, host }), [text('gmail.fix.tryLater')]);
    case 'GOOGLE_TOKEN_UNEXPECTED_REPLY':
      return fail(msg('gmail.token.unexpectedReply', { status: response.kind === 'http-error' ? response.httpStatus : 0, host }), [
        text(response.proxy ? 'gmail.fix.proxyAnswered' : 'gmail.fix.somethingAnswered', { host, proxy: response.proxy ?? '' }),
        text('gmail.fix.checkEndpoint', { endpoint: response.endpoint }),
      ]);
    case 'GOOGLE_OAUTH_ERROR':
      return fail(msg('gmail.token.oauthError', { clientId, error: response.kind === 'oauth-error' ? response.error : '?' }), [reauthorise(account)]);
  }
  if (response.kind !== 'network') return fail(msg('gmail.token.oauthError', { clientId, error: code ?? '?' }), [reauthorise(account)]);
  return networkOutcome(context, response, evidence);
}

function networkOutcome(context: CheckContext, response: Extract<GoogleTokenResponse, { kind: 'network' }>, evidence: Evidence[]): CheckOutcome {
  const host = hostOf(response.endpoint);
  const proxy = response.proxy ?? '';
  const seconds = Math.round(context.options.stepTimeoutMs / 1000);
  const fail = (summary: Message, remediation: Remediation[]): CheckOutcome => ({ status: 'fail', code: response.code, summary, evidence, remediation });
  const text = <K extends MessageKey>(key: K, ...params: MessageArgs<K>): Remediation => ({ kind: 'text', message: msg(key, ...params) });
  const caFile: Remediation = { kind: 'text', message: msg('gmail.fix.caFile', { host }), target: CA_FILE_YAML };
  switch (response.code) {
    case 'DNS_NOT_FOUND':
    case 'DNS_NO_ADDRESS':
      return fail(msg('gmail.net.dnsNotFound', { host }), [text('gmail.fix.checkEndpoint', { endpoint: response.endpoint }), text('gmail.fix.dns', { host })]);
    case 'DNS_TIMEOUT':
    case 'DNS_NO_NETWORK':
    case 'DNS_SERVER_FAILURE':
    case 'DNS_LOOKUP_FAILED':
      return fail(msg('gmail.net.dnsFailed', { host, code: response.code }), [text('gmail.fix.dns', { host }), text('gmail.fix.proxyVariable', { host })]);
    case 'TCP_REFUSED':
    case 'TCP_TIMEOUT':
    case 'TCP_RESET':
    case 'NETWORK_UNREACHABLE':
    case 'HTTP_FAILED':
      return fail(msg('gmail.net.blocked', { host, code: response.code }), [text('gmail.fix.openHttps', { host }), text('gmail.fix.proxyVariable', { host })]);
    case 'HTTP_RESPONSE_TOO_LARGE':
      return fail(msg('gmail.net.tooLarge', { host }), [
        text(response.proxy ? 'gmail.fix.proxyAnswered' : 'gmail.fix.somethingAnswered', { host, proxy }),
        text('gmail.fix.checkEndpoint', { endpoint: response.endpoint }),
      ]);
    case 'HTTP_TIMEOUT':
      return fail(msg('gmail.net.timeout', { host, seconds }), [text('gmail.fix.openHttps', { host }), text('gmail.fix.proxyVariable', { host })]);
    case 'PROXY_UNREACHABLE':
      return fail(msg('gmail.net.proxyUnreachable', { proxy }), [text('gmail.fix.checkProxy', { proxy })]);
    case 'PROXY_AUTH_REQUIRED':
      return fail(msg('gmail.net.proxyAuth', { proxy }), [text('gmail.fix.proxyAuth', { host })]);
    case 'PROXY_REJECTED':
      return fail(msg('gmail.net.proxyTunnel', { proxy, host }), [text('gmail.fix.proxyAllow', { proxy, host })]);
    case 'TLS_CERT_UNTRUSTED': {
      const issuer = response.certificate?.issuer;
      return fail(issuer ? msg('gmail.net.untrustedIssuer', { host, issuer }) : msg('gmail.net.untrusted', { host }), [
        caFile,
        text('gmail.fix.inspectionExempt', { host }),
      ]);
    }
    case 'TLS_HOSTNAME_MISMATCH':
      return fail(msg('gmail.net.hostnameMismatch', { host }), [text('gmail.fix.checkEndpoint', { endpoint: response.endpoint }), caFile]);
    case 'TLS_CERT_EXPIRED':
      return fail(msg('gmail.net.certDates', { host }), [text('gmail.fix.clock'), text('gmail.fix.inspectionExempt', { host })]);
    case 'TLS_HANDSHAKE_FAILED':
      return fail(msg('gmail.net.handshake', { host }), [text('gmail.fix.inspectionExempt', { host })]);
    case 'ABORTED':
      return fail(msg('gmail.net.aborted', { host }), [text('gmail.fix.tryLater')]);
  }
}
