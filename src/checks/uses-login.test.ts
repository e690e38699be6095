import { CHECKS } from './registry.js';

/** `--login` prepares a sign-in only when a selected check declares it uses its result. */
describe('checks that use a --login sign-in', () => {
  const using = (kind: 'office365' | 'google') =>
    CHECKS.filter((check) => check.usesLogin?.includes(kind))
      .map((check) => check.id)
      .sort();

  it('are the mail logins and the mailbox access for Office 365', () => {
    expect(using('office365')).toEqual(['exchange.mailbox-access', 'incoming.auth', 'smtp.auth', 'smtp.send']);
  });

  it('are those and gmail.credentials for Google', () => {
    expect(using('google')).toEqual(['exchange.mailbox-access', 'gmail.credentials', 'incoming.auth', 'smtp.auth', 'smtp.send']);
  });
});
