import { CHECKS } from '../../checks/registry.js';
import type { Check } from '../../core/check.js';
import type { Translator } from '../../i18n/index.js';

import type { CatalogFormat } from '../formats.js';

export { CATALOG_FORMATS, type CatalogFormat } from '../formats.js';

function needsText(check: Check, t: Translator): string {
  return check.needs.map((need) => t.t(`needs.${need}`)).join(', ');
}

/** `tactium-preflight checks`: the catalogue, generated from the registry (the README's table comes from here). */
export function renderCatalog(format: CatalogFormat, t: Translator, checks: readonly Check[] = CHECKS): string {
  if (format === 'json') {
    return `${JSON.stringify(
      checks.map((check) => ({ id: check.id, area: check.area, title: t.t(check.title), needs: check.needs, dependsOn: check.dependsOn ?? [] })),
      null,
      2,
    )}\n`;
  }
  if (format === 'markdown') {
    const escape = (text: string) => text.replace(/\|/g, '\\|');
    const lines = [
      `| ${t.t('cli.catalog.id')} | ${t.t('cli.catalog.title')} | ${t.t('cli.catalog.needs')} | ${t.t('cli.catalog.dependsOn')} |`,
      '|---|---|---|---|',
      ...checks.map(
        (check) =>
          `| \`${check.id}\` | ${escape(t.t(check.title))} | ${escape(needsText(check, t))} | ${(check.dependsOn ?? []).map((id) => `\`${id}\``).join(', ')} |`,
      ),
    ];
    return `${lines.join('\n')}\n`;
  }
  const idWidth = Math.max(...checks.map((check) => check.id.length), 2);
  const lines: string[] = [];
  let area = '';
  for (const check of checks) {
    if (check.area !== area) {
      area = check.area;
      if (lines.length) lines.push('');
      lines.push(t.t(`area.${check.area}`));
    }
    lines.push(`  ${check.id.padEnd(idWidth)}  ${t.t(check.title)}`);
    lines.push(
      `  ${''.padEnd(idWidth)}  ${t.t('cli.catalog.needs')}: ${needsText(check, t)}${check.dependsOn?.length ? ` · ${t.t('cli.catalog.dependsOn')}: ${check.dependsOn.join(', ')}` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
