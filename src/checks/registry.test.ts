import { catalogKeys, checkTitleKey, LOCALES } from '../i18n/index.js';
import { CHECKS } from './registry.js';

describe('check title keys', () => {
  it('are each check\'s id then ".title", so a title is found from the id alone', () => {
    for (const check of CHECKS) expect([check.id, check.title]).toEqual([check.id, checkTitleKey(check.id)]);
  });

  it('are in both catalogues', () => {
    for (const locale of LOCALES) {
      const keys = new Set(catalogKeys(locale));
      expect(CHECKS.map((check) => check.title).filter((key) => !keys.has(key))).toEqual([]);
    }
  });

  it('name only the registry\'s checks: every check-area ".title" key is a check\'s', () => {
    const titled = catalogKeys('en').filter((key) => key.endsWith('.title') && checkTitleKey(key.slice(0, -'.title'.length)) !== undefined);
    expect(titled.sort()).toEqual(CHECKS.map((check) => check.title).sort());
  });

  it('are undefined for an id no check has, so a saved report keeps its own words', () => {
    // The report's and the sheet's titles and the check-list heading are keys ending in ".title" too.
    for (const id of ['report', 'handoff', 'cli.catalog', 'entra.redirect', 'entra.adminUser', 'smtp', '', '.title', '__proto__', 'constructor']) {
      expect([id, checkTitleKey(id)]).toEqual([id, undefined]);
    }
  });
});
