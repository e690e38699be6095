import type { Cloud, IncomingProtocol, Provider, Security } from '../config/types.js';
import type { Message } from '../core/message.js';

/** Servers proposed for an account: what `init` pre-fills. */
export interface ServerProposal {
  readonly incoming: { readonly protocol: IncomingProtocol; readonly host: string; readonly port: number; readonly security: Security };
  readonly outgoing: { readonly host: string; readonly port: number; readonly security: Security };
}

/** A proposed value and where it came from (shown beside the question, so the person can judge it). */
export interface Proposal<T> {
  readonly value: T;
  readonly source: Message;
}

/** What the mailbox address alone told: each part may be missing (offline, nothing published). */
export interface Discovery {
  readonly domain: string;
  readonly provider?: Proposal<Provider>;
  readonly cloud?: Proposal<Cloud>;
  readonly tenantId?: Proposal<string>;
  readonly servers?: Proposal<ServerProposal>;
  /** What was found but not used (a DOCTYPE refused, a redirect to another domain not followed, no answer). */
  readonly notes: readonly Message[];
}

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A host name as DNS or a file gave it, fit to propose (no spaces, no URL, no control character). */
export function isPlainHostName(host: string): boolean {
  return HOST.test(host);
}
