import type { Translator } from '../i18n/index.js';
import type { Discovery, ServerProposal } from './types.js';

function servers(value: ServerProposal): string {
  const { incoming, outgoing } = value;
  return `${incoming.protocol.toUpperCase()} ${incoming.host}:${incoming.port} (${incoming.security}), SMTP ${outgoing.host}:${outgoing.port} (${outgoing.security})`;
}

/** What the address told, one line per proposal with where it came from, then what was seen but not used. */
export function describeDiscovery(found: Discovery | undefined, t: Translator): string[] {
  if (!found) return [];
  const lines: string[] = [];
  const line = (label: string, value: string, source: Discovery['notes'][number]) =>
    lines.push(`  ${t.t('wizard.discovery.proposal', { label, value, source: t.message(source) })}`);
  if (found.provider) line('provider', t.t(`report.provider.${found.provider.value}`), found.provider.source);
  if (found.tenantId) line('tenantId', found.tenantId.value, found.tenantId.source);
  if (found.cloud) line('cloud', found.cloud.value, found.cloud.source);
  if (found.servers) line('servers', servers(found.servers.value), found.servers.source);
  const header = lines.length > 0 ? [t.t('wizard.discovery.found', { domain: found.domain })] : [t.t('wizard.discovery.nothing', { domain: found.domain })];
  return [...header, ...lines, ...found.notes.map((note) => `  ${t.message(note)}`)];
}
