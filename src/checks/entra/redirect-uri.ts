/**
 * entra.redirect-uri (delegated flow): the redirect URI Tactium uses must be registered exactly — path case,
 * trailing slash, scheme and port — and on the Web platform (`web.redirectUris`). Rules from
 * https://learn.microsoft.com/entra/identity-platform/reply-url: paths are case-sensitive; an origin without
 * a path is answered with a trailing slash; for localhost / 127.0.0.1 the port is ignored (RFC 8252 §7.3,
 * §8.3). A URI only under Single-page application cannot redeem a code with a client secret (AADSTS9002327:
 * "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin
 * requests"); one only under Mobile and desktop applications is a public-client URI (a secret sent with it:
 * AADSTS700025). A mismatch is AADSTS50011 at sign-in; near misses are named.
 */
import type { Office365OAuthAccount } from '../../config/types.js';
import { entraAccount } from './shared/remediation.js';
import { msg } from '../../i18n/index.js';
import type { Message } from '../../core/message.js';
import type { GraphApplication } from '../../identity/graph-resources.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence, type Remediation } from '../../core/check.js';
import { directoryApplies, NEEDS, readProblemOutcome, readRegistration, readerEvidence, registrationNotFound } from './shared/directory.js';
import { ENTRA_PORTALS } from '../../providers/microsoft/portals.js';

export type RedirectPlatform = 'web' | 'spa' | 'publicClient';
export type RedirectDifference = 'path-case' | 'trailing-slash' | 'scheme' | 'port' | 'query' | 'host';

export interface RedirectComparison {
  /** Platforms where the configured URI is registered (matching as Entra matches). */
  readonly exact: readonly { readonly platform: RedirectPlatform; readonly registered: string }[];
  /** Registered URIs that differ from the configured one in a way people get wrong. */
  readonly near: readonly { readonly platform: RedirectPlatform; readonly registered: string; readonly differences: readonly RedirectDifference[] }[];
}

interface Parts {
  readonly scheme: string;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  readonly query: string;
  readonly loopback: boolean;
}

function parts(uri: string): Parts | undefined {
  try {
    const url = new URL(uri.trim());
    const host = url.hostname.toLowerCase();
    return { scheme: url.protocol, host, port: url.port, path: url.pathname, query: url.search, loopback: host === 'localhost' || host === '127.0.0.1' };
  } catch {
    return undefined;
  }
}

/** What differs between two URIs, or undefined when their paths have nothing in common (unrelated). */
function differences(configured: Parts, registered: Parts): RedirectDifference[] | undefined {
  const found: RedirectDifference[] = [];
  if (configured.scheme !== registered.scheme) found.push('scheme');
  if (configured.host !== registered.host) found.push('host');
  // The port of a loopback URI is ignored for matching (reply-url "Localhost exceptions").
  if (configured.port !== registered.port && !(configured.loopback && registered.loopback)) found.push('port');
  if (configured.path !== registered.path) {
    const strip = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path);
    if (strip(configured.path) === strip(registered.path)) found.push('trailing-slash');
    else if (configured.path.toLowerCase() === registered.path.toLowerCase()) found.push('path-case');
    else if (strip(configured.path).toLowerCase() === strip(registered.path).toLowerCase()) found.push('path-case', 'trailing-slash');
    else return undefined;
  }
  if (configured.query !== registered.query) found.push('query');
  return found;
}

/** How the configured redirect URI compares with every registered one. */
export function compareRedirectUri(configured: string, application: Pick<GraphApplication, 'web' | 'spa' | 'publicClient'>): RedirectComparison {
  const mine = parts(configured);
  const exact: { platform: RedirectPlatform; registered: string }[] = [];
  const near: { platform: RedirectPlatform; registered: string; differences: RedirectDifference[] }[] = [];
  if (!mine) return { exact, near };
  const platforms: [RedirectPlatform, readonly string[]][] = [
    ['web', application.web],
    ['spa', application.spa],
    ['publicClient', application.publicClient],
  ];
  for (const [platform, uris] of platforms) {
    for (const registered of uris) {
      const theirs = parts(registered);
      if (!theirs) continue;
      const found = differences(mine, theirs);
      if (!found) continue;
      if (found.length === 0) exact.push({ platform, registered });
      // Only the host differing, or a small difference on the same host, is a near miss worth naming.
      else if ((found.length === 1 && found[0] === 'host') || (!found.includes('host') && found.length <= 2))
        near.push({ platform, registered, differences: found });
    }
  }
  return { exact, near };
}

const PLATFORM_NAMES: Readonly<Record<RedirectPlatform, string>> = {
  web: 'Web',
  spa: 'Single-page application',
  publicClient: 'Mobile and desktop applications',
};

function registeredEvidence(application: GraphApplication): Evidence[] {
  const list = (uris: readonly string[]): string => (uris.length > 0 ? uris.join(', ') : '(none)');
  return [
    { label: 'entra.evidence.redirectWeb', value: list(application.web) },
    { label: 'entra.evidence.redirectSpa', value: list(application.spa) },
    { label: 'entra.evidence.redirectPublicClient', value: list(application.publicClient) },
  ];
}

function addWebUri(account: Office365OAuthAccount, uri: string): Remediation {
  return { kind: 'portal', message: msg('entra.redirect.fix.addWeb', { app: account.auth.clientId, uri }), target: ENTRA_PORTALS[account.cloud] };
}

function nearMissSummary(configured: string, miss: RedirectComparison['near'][number]): Message {
  return msg('entra.redirect.nearMiss', {
    uri: configured,
    registered: miss.registered,
    platform: PLATFORM_NAMES[miss.platform],
    differences: miss.differences.join(', '),
  });
}

export const entraRedirectUriCheck = defineCheck({
  id: 'entra.redirect-uri',
  area: 'entra',
  title: 'entra.redirect-uri.title',
  needs: ['network', 'admin'],
  dependsOn: ['entra.app'],
  steps: 3,
  appliesTo: (account) => {
    const base = directoryApplies(account);
    if (base !== true) return base;
    if (account.auth.flow !== 'delegated') return msg('entra.notApplicable.notDelegatedFlow');
    return account.auth.redirectUri ? true : msg('entra.notApplicable.noRedirectUri');
  },
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const configured = account.auth.redirectUri ?? '';
    const read = await readRegistration(context);
    if (!read.ok) {
      if (!('noAccess' in read) && read.failure.kind === 'not-found') return registrationNotFound(context, read.via, read.failure);
      return readProblemOutcome(context, read, NEEDS.applications);
    }
    const application = read.value;
    const comparison = compareRedirectUri(configured, application);
    const evidence: Evidence[] = [
      ...readerEvidence(read.via),
      { label: 'entra.evidence.redirectConfigured', value: configured },
      ...registeredEvidence(application),
    ];
    const web = comparison.exact.find((match) => match.platform === 'web');
    if (web) return { status: 'pass', summary: msg('entra.redirect.pass', { uri: configured }), evidence };

    const elsewhere = comparison.exact[0];
    if (elsewhere) {
      const spa = elsewhere.platform === 'spa';
      return {
        status: 'fail',
        code: spa ? 'ENTRA_REDIRECT_URI_SPA' : 'ENTRA_REDIRECT_URI_PUBLIC_CLIENT',
        summary: msg(spa ? 'entra.redirect.spaOnly' : 'entra.redirect.publicClientOnly', { uri: configured }),
        evidence,
        remediation: [
          addWebUri(account, configured),
          {
            kind: 'portal',
            message: msg('entra.redirect.fix.removeOther', { uri: elsewhere.registered, platform: PLATFORM_NAMES[elsewhere.platform] }),
            target: ENTRA_PORTALS[account.cloud],
          },
        ],
      };
    }
    const total = application.web.length + application.spa.length + application.publicClient.length;
    const near = comparison.near[0];
    if (near) {
      evidence.push(
        ...comparison.near.map((miss) => ({
          label: 'entra.evidence.redirectNearMiss' as const,
          value: `${miss.registered} (${PLATFORM_NAMES[miss.platform]}: ${miss.differences.join(', ')})`,
        })),
      );
      return {
        status: 'fail',
        code: 'ENTRA_REDIRECT_URI_MISMATCH',
        summary: nearMissSummary(configured, near),
        evidence,
        remediation: [addWebUri(account, configured), { kind: 'text', message: msg('entra.redirect.fix.orTactium', { registered: near.registered }) }],
      };
    }
    return {
      status: 'fail',
      code: total === 0 ? 'ENTRA_REDIRECT_URI_NONE' : 'ENTRA_REDIRECT_URI_MISMATCH',
      summary: msg(total === 0 ? 'entra.redirect.none' : 'entra.redirect.mismatch', { uri: configured, count: total }),
      evidence,
      remediation: [addWebUri(account, configured)],
    };
  },
});
