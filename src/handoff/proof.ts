import type { Status } from '../core/check.js';
import type { MessageKey } from '../core/message.js';

/**
 * Which checks prove each item of the handoff sheet, as data: the one place that says why an item is
 * "verified" or "failing". A check counts for an item only when its result says something about that
 * item, so a wrong password is not "outgoing server failing" and a check that reads only the file does
 * not make a server value "verified". Adding a check to an item is one entry in a list below; adding an
 * item is one line here (and its label and to-do sentence in the catalogues).
 */
export interface Proof {
  /** What the customer does about the item when it fails or warns, in the customer's words. */
  readonly todo: MessageKey;
  /** Checks about this item: a pass verifies it, a warning or failure is this item's. */
  readonly proves?: readonly string[];
  /**
   * Checks that need this item among others (a login needs the mailbox, the login name and the
   * password): a pass verifies it too, a failure does not say which of them was wrong.
   */
  readonly confirms?: readonly string[];
  /**
   * Checks whose warning or failure is this item's but whose pass proves nothing of it — those that read
   * only the file (a port that cannot work), or one failure code of a broader check (`entra.credentials:
   * ENTRA_SECRET_INVALID`: the secret, not the client ID).
   */
  readonly flags?: readonly string[];
}

/** A mailbox login, over IMAP/POP and over SMTP. */
const LOGIN = ['incoming.auth', 'smtp.auth'];
const GOOGLE = 'gmail.credentials';
const TOKEN = 'entra.credentials';

export const ITEM_PROOF = {
  // Office 365, and the servers and login of every provider
  // dns.mx: the domain's mail going elsewhere is the mailbox's problem; its pass proves nothing of the mailbox.
  'handoff.item.mailbox': { todo: 'handoff.todo.mailbox', proves: ['entra.mailbox', 'exchange.mailbox-access'], confirms: LOGIN, flags: ['dns.mx'] },
  'handoff.item.username': { todo: 'handoff.todo.login', confirms: LOGIN },
  'handoff.item.login': { todo: 'handoff.todo.login', confirms: LOGIN },
  'handoff.item.password': { todo: 'handoff.todo.password', proves: LOGIN, flags: ['config.basic-auth'] },
  'handoff.item.accessToken': { todo: 'handoff.todo.accessToken', proves: LOGIN },
  'handoff.item.tenant': {
    todo: 'handoff.todo.tenant',
    proves: ['entra.tenant'],
    confirms: [TOKEN],
    flags: [`${TOKEN}:ENTRA_TENANT_NOT_FOUND`, `${TOKEN}:ENTRA_TENANT_INVALID`],
  },
  'handoff.item.clientId': {
    todo: 'handoff.todo.clientId',
    proves: ['entra.app'],
    confirms: [TOKEN],
    flags: [`${TOKEN}:ENTRA_APP_NOT_FOUND`, `${TOKEN}:ENTRA_APP_DISABLED`],
  },
  'handoff.item.objectId': { todo: 'handoff.todo.objectId', proves: ['entra.object-id'] },
  'handoff.item.secretId': { todo: 'handoff.todo.secretId', proves: ['entra.secret-expiry'] },
  'handoff.item.clientSecret': {
    todo: 'handoff.todo.clientSecret',
    confirms: [TOKEN],
    flags: ['config.secret-id-as-secret', `${TOKEN}:ENTRA_SECRET_INVALID`, `${TOKEN}:ENTRA_SECRET_EXPIRED`, `${TOKEN}:ENTRA_SECRET_MISSING`],
  },
  'handoff.item.secretExpiry': { todo: 'handoff.todo.secretExpiry', proves: ['entra.secret-expiry'], flags: [`${TOKEN}:ENTRA_SECRET_EXPIRED`] },
  'handoff.item.redirectUri': { todo: 'handoff.todo.redirectUri', proves: ['entra.redirect-uri'] },
  'handoff.item.flow': { todo: 'handoff.todo.flow', confirms: ['entra.exchange-roles', 'entra.permissions'] },
  'handoff.item.permissions': {
    todo: 'handoff.todo.permissions',
    proves: ['entra.exchange-roles', 'entra.permissions', 'entra.admin-consent'],
    confirms: ['exchange.mailbox-access', ...LOGIN],
    flags: [`${TOKEN}:ENTRA_CONSENT_MISSING`],
  },
  'handoff.item.incomingProtocol': { todo: 'handoff.todo.incomingProtocol', proves: ['incoming.connect'] },
  'handoff.item.incomingServer': { todo: 'handoff.todo.incomingServer', proves: ['dns.incoming', 'incoming.connect'] },
  'handoff.item.incomingPort': { todo: 'handoff.todo.incomingPort', proves: ['incoming.connect'], flags: ['config.incoming-port'] },
  'handoff.item.incomingSecurity': { todo: 'handoff.todo.incomingSecurity', proves: ['incoming.tls'], flags: ['config.incoming-port'] },
  'handoff.item.outgoingServer': { todo: 'handoff.todo.outgoingServer', proves: ['dns.outgoing', 'smtp.connect'] },
  'handoff.item.outgoingPort': { todo: 'handoff.todo.outgoingPort', proves: ['smtp.connect'], flags: ['config.smtp-port'] },
  'handoff.item.outgoingSecurity': { todo: 'handoff.todo.outgoingSecurity', proves: ['smtp.tls'], flags: ['config.smtp-port'] },
  'handoff.item.admin': { todo: 'handoff.todo.admin', proves: ['entra.admin-user'] },
  // Gmail / Google Workspace
  'gmail.handoff.mailbox': { todo: 'handoff.todo.gmail.mailbox', confirms: LOGIN, flags: ['dns.mx'] },
  'gmail.handoff.username': { todo: 'handoff.todo.login', confirms: LOGIN },
  'gmail.handoff.appPassword': { todo: 'handoff.todo.gmail.appPassword', proves: LOGIN, flags: [GOOGLE] },
  'gmail.handoff.clientId': {
    todo: 'handoff.todo.gmail.clientId',
    confirms: [GOOGLE],
    flags: [`${GOOGLE}:GOOGLE_CLIENT_NOT_FOUND`, `${GOOGLE}:GOOGLE_CLIENT_DELETED`, `${GOOGLE}:GOOGLE_UNAUTHORIZED_CLIENT`],
  },
  'gmail.handoff.clientSecret': { todo: 'handoff.todo.gmail.clientSecret', confirms: [GOOGLE], flags: [`${GOOGLE}:GOOGLE_CLIENT_SECRET_WRONG`] },
  'gmail.handoff.refreshToken': {
    todo: 'handoff.todo.gmail.refreshToken',
    confirms: [GOOGLE, ...LOGIN],
    flags: [`${GOOGLE}:GOOGLE_INVALID_GRANT`, `${GOOGLE}:GOOGLE_NO_REFRESH_TOKEN`],
  },
  'gmail.handoff.scope': { todo: 'handoff.todo.gmail.scope', confirms: [GOOGLE], flags: [`${GOOGLE}:GOOGLE_INVALID_SCOPE`, `${GOOGLE}:GOOGLE_SCOPE_MISSING`] },
  'gmail.handoff.incomingProtocol': { todo: 'handoff.todo.incomingProtocol', proves: ['incoming.connect'] },
  'gmail.handoff.incomingServer': { todo: 'handoff.todo.incomingServer', proves: ['dns.incoming', 'incoming.connect'] },
  'gmail.handoff.incomingPort': { todo: 'handoff.todo.incomingPort', proves: ['incoming.connect'], flags: ['config.incoming-port'] },
  'gmail.handoff.incomingSecurity': { todo: 'handoff.todo.incomingSecurity', proves: ['incoming.tls'], flags: ['config.incoming-port'] },
  'gmail.handoff.outgoingServer': { todo: 'handoff.todo.outgoingServer', proves: ['dns.outgoing', 'smtp.connect'] },
  'gmail.handoff.outgoingPort': { todo: 'handoff.todo.outgoingPort', proves: ['smtp.connect'], flags: ['config.smtp-port'] },
  'gmail.handoff.outgoingSecurity': { todo: 'handoff.todo.outgoingSecurity', proves: ['smtp.tls'], flags: ['config.smtp-port'] },
  'gmail.handoff.workspaceAdmin': { todo: 'handoff.todo.gmail.workspaceAdmin' },
  'gmail.handoff.workspaceMailAccess': { todo: 'handoff.todo.gmail.workspaceMailAccess', confirms: ['incoming.auth'] },
  'gmail.handoff.workspaceTrustedClient': {
    todo: 'handoff.todo.gmail.workspaceTrustedClient',
    confirms: [GOOGLE],
    flags: [`${GOOGLE}:GOOGLE_ADMIN_POLICY_ENFORCED`, `${GOOGLE}:GOOGLE_ACCESS_BLOCKED`, `${GOOGLE}:GOOGLE_ORG_INTERNAL`],
  },
} as const satisfies Record<string, Proof>;

/** An item of the sheet, by the catalogue key of its label. */
export type ItemKey = keyof typeof ITEM_PROOF;

/** An item's verdict: the worst result that counts for it, or not verified when none does. */
export type Verdict = Exclude<Status, 'skip'> | 'not-verified';

const SEVERITY: Readonly<Record<Exclude<Status, 'skip'>, number>> = { pass: 0, warn: 1, fail: 2, error: 3 };

/** A skipped check verified nothing; the worst of the rest decides. */
export function verdictOf(statuses: readonly Status[]): Verdict {
  let worst: Verdict = 'not-verified';
  for (const status of statuses) {
    if (status === 'skip') continue;
    if (worst === 'not-verified' || SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

export interface CheckOutcomeLike {
  readonly id: string;
  readonly status: Status;
  readonly code: string | null;
}

/** A `flags` entry: `check.id` (any warning or failure) or `check.id:CODE` (that failure only). */
function flagMatches(entry: string, check: CheckOutcomeLike): boolean {
  const colon = entry.indexOf(':');
  return colon < 0 ? entry === check.id : entry.slice(0, colon) === check.id && entry.slice(colon + 1) === check.code;
}

/**
 * The item's verdict from the checks of one account, and the checks that decided it (for the appendix):
 * every `proves` check that ran, a `confirms` check that passed (or passed with a warning, which says
 * nothing against this item), a `flags` check that did not pass.
 */
export function proofOf(proof: Proof, checks: readonly CheckOutcomeLike[]): { verdict: Verdict; counted: CheckOutcomeLike[] } {
  const counted: CheckOutcomeLike[] = [];
  const statuses: Status[] = [];
  for (const check of checks) {
    if (check.status === 'skip') continue;
    if (proof.proves?.includes(check.id)) {
      counted.push(check);
      statuses.push(check.status);
    } else if (proof.flags?.some((entry) => flagMatches(entry, check)) && check.status !== 'pass') {
      counted.push(check);
      statuses.push(check.status);
    } else if (proof.confirms?.includes(check.id) && (check.status === 'pass' || check.status === 'warn')) {
      counted.push(check);
      statuses.push('pass');
    }
  }
  return { verdict: verdictOf(statuses), counted };
}

/** Every check id the table names (for the test that each is a real check). */
export function provingCheckIds(): string[] {
  const ids = new Set<string>();
  for (const proof of Object.values(ITEM_PROOF) as Proof[]) {
    for (const entry of [...(proof.proves ?? []), ...(proof.confirms ?? []), ...(proof.flags ?? [])]) ids.add(entry.split(':')[0]!);
  }
  return [...ids].sort();
}
