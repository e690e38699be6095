import type { Check } from '../core/check.js';

/** Matches a selector against a check id: an exact id, or an area/prefix (`smtp` selects `smtp.*`). */
export function matchesSelector(id: string, selector: string): boolean {
  const wanted = selector.trim().toLowerCase().replace(/\.\*$/, '').replace(/\.$/, '');
  if (!wanted) return false;
  const own = id.toLowerCase();
  return own === wanted || own.startsWith(`${wanted}.`) || (wanted.includes('.') ? false : own.startsWith(`${wanted}-`));
}

export function parseSelectorList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

export interface Selection {
  readonly checks: readonly Check[];
  /** Selectors that matched no check at all (a typo, most likely). */
  readonly unmatched: readonly string[];
  /** Checks pulled in because a selected check depends on them. */
  readonly addedDependencies: readonly string[];
}

/**
 * `--only` keeps the matching checks plus, transitively, what they depend on (smtp.auth cannot run
 * without the session smtp.connect opened); `--skip` then removes checks. Registry order is kept.
 */
export function selectChecks(all: readonly Check[], only: readonly string[], skip: readonly string[]): Selection {
  const byId = new Map(all.map((check) => [check.id, check]));
  const unmatched = [...only, ...skip].filter((selector) => !all.some((check) => matchesSelector(check.id, selector)));
  const chosen = new Set<string>();
  const added = new Set<string>();
  if (only.length === 0) {
    for (const check of all) chosen.add(check.id);
  } else {
    const visit = (id: string, direct: boolean): void => {
      if (chosen.has(id)) return;
      const check = byId.get(id);
      if (!check) return;
      chosen.add(id);
      if (!direct) added.add(id);
      for (const dependency of check.dependsOn ?? []) visit(dependency, false);
    };
    for (const check of all) if (only.some((selector) => matchesSelector(check.id, selector))) visit(check.id, true);
    for (const id of added) if (only.some((selector) => matchesSelector(id, selector))) added.delete(id);
  }
  for (const check of all) if (skip.some((selector) => matchesSelector(check.id, selector))) chosen.delete(check.id);
  return {
    checks: all.filter((check) => chosen.has(check.id)),
    unmatched,
    addedDependencies: [...added].filter((id) => chosen.has(id)),
  };
}
