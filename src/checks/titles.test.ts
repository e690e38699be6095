import { CHECKS } from './registry.js';
import { CHECK_TITLES } from './titles.js';

describe('CHECK_TITLES', () => {
  it('holds exactly the registry\'s checks, each with its title key', () => {
    expect(CHECK_TITLES).toEqual(Object.fromEntries(CHECKS.map((check) => [check.id, check.title])));
  });
});
