/**
 * The SASL error challenge a server sends before refusing an OAuth token (XOAUTH2 and OAUTHBEARER): base64
 * of a JSON object with `status`, `schemes` and `scope`, e.g. Gmail's
 * `{"status":"401","schemes":"bearer mac","scope":"https://mail.google.com/"}`
 * (https://developers.google.com/workspace/gmail/imap/xoauth2-protocol, "Error response"; RFC 7628 §3.2.2).
 * The IMAP, POP3 and SMTP probes decode it; this reads what it says.
 *
 * Google documents 401 (the token is invalid or expired). A 400 with the mail scope is what Gmail answers
 * to a token that does not carry `https://mail.google.com/` (seen in public captures, e.g. a gmail.send-only
 * token in PHPMailer issue #1664 and a read-only one in go-imap issue #213) — or to a malformed request.
 * RFC 7628 §3.2.2 names the statuses with RFC 6750 §3.1 codes instead (`invalid_token`, `insufficient_scope`).
 */

export interface OauthChallenge {
  readonly status?: string;
  readonly schemes?: string;
  readonly scope?: string;
}

export type ChallengeVerdict =
  /** 401 / `invalid_token`: expired, revoked, not a token of this server, or for another user. */
  | 'invalid-token'
  /** 400 / 403 / `insufficient_scope`: the token lacks the scope the server names (or the request was malformed). */
  | 'insufficient-scope';

/** The challenge as the probes keep it (decoded JSON text, or imapflow's `oauthError` serialised). */
export function parseOauthChallenge(text: string | undefined): OauthChallenge | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim());
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const read = (name: string): string | undefined => {
    const value: unknown = Reflect.get(parsed, name);
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  };
  const status = read('status');
  const schemes = read('schemes');
  const scope = read('scope');
  if (status === undefined) return undefined;
  return { status, ...(schemes !== undefined ? { schemes } : {}), ...(scope !== undefined ? { scope } : {}) };
}

export function challengeVerdict(challenge: OauthChallenge | undefined): ChallengeVerdict | undefined {
  switch (challenge?.status?.trim().toLowerCase()) {
    case '401':
    case 'invalid_token':
      return 'invalid-token';
    case '400':
    case '403':
    case 'insufficient_scope':
      return 'insufficient-scope';
    default:
      return undefined;
  }
}
