/**
 * entra.mailbox: the mailbox is a user of this tenant (`GET /users/{address}` with accountEnabled,
 * assignedLicenses and userType — https://learn.microsoft.com/graph/api/user-get — else by mail address or
 * alias). A shared mailbox is an unlicensed user with sign-in blocked, as Exchange creates it: that passes,
 * with the note that a delegated sign-in then needs a licensed user with FullAccess on it
 * (https://learn.microsoft.com/microsoft-365/admin/email/about-shared-mailboxes). A licensed user with
 * sign-in blocked cannot sign in (AADSTS50057): a failure for the delegated flow, a warning for the
 * application flow (app-only access does not sign the user in). Not found → the address is wrong, or it
 * belongs to a contact, a group or a distribution list, which have no mailbox to log in to.
 */
import { msg } from '../../i18n/index.js';
import { entraAccount } from './shared/remediation.js';
import { defineCheck, type CheckContext, type CheckOutcome, type Evidence } from '../../core/check.js';
import { directoryApplies, NEEDS, readProblemOutcome, readUserByAddress, readerEvidence } from './shared/directory.js';
import { ADMIN_CENTERS, exchangeAdminCenter } from '../../providers/microsoft/portals.js';

export const entraMailboxCheck = defineCheck({
  id: 'entra.mailbox',
  area: 'entra',
  title: 'entra.mailbox.title',
  needs: ['network', 'admin'],
  dependsOn: ['entra.tenant'],
  steps: 4,
  appliesTo: (account) => directoryApplies(account),
  async run(context: CheckContext): Promise<CheckOutcome> {
    const account = entraAccount(context);
    const address = account.mailbox;
    const delegated = account.auth.flow !== 'application';
    const read = await readUserByAddress(context, address);
    if (!read.ok) {
      if (!('noAccess' in read) && read.failure.kind === 'not-found') {
        return {
          status: 'fail',
          code: 'ENTRA_MAILBOX_NOT_FOUND',
          summary: msg('entra.mailbox.notFound', { mailbox: address, tenant: account.auth.tenantId }),
          evidence: [...readerEvidence(read.via), { label: 'entra.evidence.mailbox', value: address }],
          remediation: [
            { kind: 'portal', message: msg('entra.mailbox.fix.recipients', { mailbox: address }), target: exchangeAdminCenter(account.cloud) },
            { kind: 'text', message: msg('entra.mailbox.fix.address') },
          ],
        };
      }
      return readProblemOutcome(context, read, NEEDS.users);
    }
    const user = read.value;
    const evidence: Evidence[] = [
      ...readerEvidence(read.via),
      { label: 'entra.evidence.mailbox', value: address },
      {
        label: 'entra.evidence.mailboxUser',
        value: `${user.userPrincipalName} (${user.id})${read.value.matchedBy === 'alias' ? ', found by its address' : ''}`,
      },
      { label: 'entra.evidence.accountEnabled', value: user.accountEnabled === undefined ? '—' : String(user.accountEnabled) },
      { label: 'entra.evidence.licences', value: user.licences.length > 0 ? String(user.licences.length) : '0' },
      { label: 'entra.evidence.userType', value: user.userType ?? '—' },
    ];
    if (user.userType === 'Guest') {
      return {
        status: 'fail',
        code: 'ENTRA_MAILBOX_IS_GUEST',
        summary: msg('entra.mailbox.guest', { mailbox: address }),
        evidence,
        remediation: [{ kind: 'text', message: msg('entra.mailbox.fix.address') }],
      };
    }
    const licensed = user.licences.length > 0;
    const blocked = user.accountEnabled === false;
    if (blocked && !licensed) {
      return { status: 'pass', summary: msg(delegated ? 'entra.mailbox.sharedDelegated' : 'entra.mailbox.shared', { mailbox: address }), evidence };
    }
    if (blocked) {
      return {
        status: delegated ? 'fail' : 'warn',
        code: 'ENTRA_MAILBOX_USER_DISABLED',
        summary: msg(delegated ? 'entra.mailbox.disabledDelegated' : 'entra.mailbox.disabledApplication', { mailbox: address }),
        evidence,
        remediation: [
          { kind: 'portal', message: msg('entra.mailbox.fix.unblock', { mailbox: address }), target: ADMIN_CENTERS[account.cloud] },
          { kind: 'text', message: msg('entra.mailbox.fix.convertShared') },
        ],
      };
    }
    if (!licensed) {
      return {
        status: 'warn',
        code: 'ENTRA_MAILBOX_NO_LICENCE',
        summary: msg('entra.mailbox.noLicence', { mailbox: address }),
        evidence,
        remediation: [{ kind: 'portal', message: msg('entra.mailbox.fix.licence', { mailbox: address }), target: ADMIN_CENTERS[account.cloud] }],
      };
    }
    return { status: 'pass', summary: msg('entra.mailbox.pass', { mailbox: address, upn: user.userPrincipalName }), evidence };
  },
});
