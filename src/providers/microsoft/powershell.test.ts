import { describe, expect, it } from '@jest/globals';
import type { Cloud } from '../../config/types.js';
import { lintPowerShell } from '../../../test/support/powershell-lint.js';
import {
  ENABLE_ORGANIZATION_SMTP_AUTH,
  GET_ORGANIZATION_SMTP_AUTH,
  addMailboxPermission,
  addRecipientPermission,
  connectExchangeOnline,
  enableMailboxProtocol,
  enableMailboxSmtpAuth,
  getCasMailbox,
  getMailboxPermission,
  getServicePrincipal,
  newServicePrincipal,
  psString,
  psValue,
  removeServicePrincipal,
  setEnvironmentVariable,
  setEnvironmentVariableToType,
  smtpRbacForMailbox,
  testNetConnection,
} from './powershell.js';

const CLOUDS: readonly Cloud[] = ['global', 'usgov', 'usgovdod', 'china'];

describe('psValue', () => {
  it('leaves IDs and addresses bare', () => {
    expect(psValue('9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff')).toBe('9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff');
    expect(psValue('atendimento@contoso.com.br')).toBe('atendimento@contoso.com.br');
  });

  it('quotes anything else, with nothing PowerShell would expand or end the string on', () => {
    expect(psValue('Tactium CRM')).toBe('"Tactium CRM"');
    expect(psValue("o'brien@contoso.com")).toBe(`"o'brien@contoso.com"`);
    expect(psValue('say "hi"')).toBe('"say `"hi`""');
    // `$` would expand a variable and a backtick escape the next character inside "…".
    expect(psValue('pa$HOME`x')).toBe('"pa`$HOME``x"');
    // PowerShell takes the typographic double quotes as quotes too.
    expect(psValue('“smart”')).toBe('"`“smart`”"');
    expect(psString('')).toBe('""');
    expect(psValue('')).toBe('""');
    // Bare, these would be a parameter name and a splatted variable.
    expect(psValue('-Confirm')).toBe('"-Confirm"');
    expect(psValue('@contoso')).toBe('"@contoso"');
  });
});

describe('Connect-ExchangeOnline', () => {
  it('names the cloud and the way in', () => {
    expect(connectExchangeOnline('global')).toBe('Connect-ExchangeOnline');
    expect(connectExchangeOnline('usgov', { organization: 'contoso.onmicrosoft.us' })).toBe(
      'Connect-ExchangeOnline -Organization contoso.onmicrosoft.us -ExchangeEnvironmentName O365USGovGCCHigh',
    );
    expect(connectExchangeOnline('usgovdod', { userPrincipalName: 'admin@contoso.us', organization: 'ignored' })).toBe(
      'Connect-ExchangeOnline -UserPrincipalName admin@contoso.us -ExchangeEnvironmentName O365USGovDoD',
    );
    expect(connectExchangeOnline('china', {})).toBe('Connect-ExchangeOnline -ExchangeEnvironmentName O365China');
  });
});

describe('New-ServicePrincipal', () => {
  it('quotes every value', () => {
    expect(newServicePrincipal('6f1c2a4e-1111-4222-8333-944455556666', '<Enterprise application Object ID>')).toBe(
      'New-ServicePrincipal -AppId 6f1c2a4e-1111-4222-8333-944455556666 -ObjectId "<Enterprise application Object ID>" -DisplayName "Tactium CRM"',
    );
  });
});

describe('RBAC for Applications, SMTP', () => {
  it('writes the mailbox’s scope out, an apostrophe in the address doubled inside the filter', () => {
    expect(smtpRbacForMailbox('9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff', "o'brien@contoso.com")).toEqual([
      `New-ManagementScope -Name "Tactium CRM o'brien@contoso.com" -RecipientRestrictionFilter "PrimarySmtpAddress -eq 'o''brien@contoso.com'"`,
      `New-ManagementRoleAssignment -App 9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff -Role "Application SMTP.SendAsApp" -CustomResourceScope "Tactium CRM o'brien@contoso.com"`,
    ]);
  });
});

describe('the PowerShell lint', () => {
  it('accepts well-formed lines', () => {
    expect(lintPowerShell('Get-CASMailbox -Identity "o\'brien@contoso.com" | Format-List ImapEnabled,PopEnabled')).toEqual([]);
    expect(lintPowerShell(`New-ManagementScope -Name "x y" -RecipientRestrictionFilter "PrimarySmtpAddress -eq 'o''brien@contoso.com'"`)).toEqual([]);
    expect(lintPowerShell("$env:X = 'it''s'")).toEqual([]);
    expect(lintPowerShell('Set-CASMailbox -Identity a@b.c -ImapEnabled $true\nGet-CASMailbox -Identity a@b.c | Format-List ImapEnabled')).toEqual([]);
  });

  it('catches what a broken builder prints', () => {
    expect(lintPowerShell('Set-CASMailbox -Identity "a@b.c -ImapEnabled $true')).toEqual([expect.stringMatching(/^unterminated double-quoted string/)]);
    expect(lintPowerShell("Get-Thing -Name 'it's'")).toEqual([expect.stringMatching(/^unterminated single-quoted string/)]);
    expect(lintPowerShell('Get-Thing -Filter (a -eq 1')).toEqual(["unclosed '('"]);
    expect(lintPowerShell('Get-Thing -Filter a -eq 1)')).toEqual(["unbalanced ')' at column 26"]);
    expect(lintPowerShell('Connect-ExchangeOnline\\nNew-ServicePrincipal')).toContain('literal \\n');
    expect(lintPowerShell('New-ServicePrincipal -AppId {clientId} -ObjectId x')).toEqual(['unfilled {placeholder}']);
    expect(lintPowerShell('New-ServicePrincipal -AppId x -ObjectId <Enterprise application Object ID>')).toEqual(['unfilled <placeholder>']);
    expect(lintPowerShell('New-ManagementRoleAssignment -App x -CustomResourceScope "<management scope>"')).toEqual(['unfilled <placeholder>']);
    expect(lintPowerShell("Connect-ExchangeOnline -Organization ''")).toEqual(['empty string argument']);
    expect(lintPowerShell('Add-MailboxPermission -Identity undefined -User x')).toEqual(['undefined, null or NaN']);
    expect(lintPowerShell('Add-MailboxPermission -Identity a@b.c -User null')).toEqual(['undefined, null or NaN']);
    expect(lintPowerShell('Add-MailboxPermission -Identity  -User x')).toEqual(['double space (an empty value?)', '-Identity has no value']);
    expect(lintPowerShell('Remove-ServicePrincipal -Identity')).toEqual(['-Identity has no value']);
    expect(lintPowerShell('')).toEqual(['empty command']);
  });

  it('lets $null be', () => {
    expect(lintPowerShell('Set-Thing -Value $null')).toEqual([]);
  });
});

/** Realistic values, and ones with an apostrophe, spaces, `$` and quotes where a customer's data may have them. */
const VALUES = [
  {
    tenant: 'contoso.onmicrosoft.com',
    appId: '6f1c2a4e-1111-4222-8333-944455556666',
    objectId: '9a0e7b3c-aaaa-4bbb-8ccc-ddddeeeeffff',
    mailbox: 'atendimento@contoso.com.br',
    upn: 'admin@contoso.com.br',
  },
  {
    tenant: "o'hara.onmicrosoft.com",
    appId: "6f1c2a4e-1111-4222-8333-94445555666'",
    objectId: "9a0e'7b3c-aaaa",
    mailbox: "o'brien@contoso.com",
    upn: "d'arcy@contoso.com",
  },
  { tenant: 'Contoso Ltda', appId: 'app "quoted"', objectId: 'oid $env:PATH `n', mailbox: 'vendas+crm@contoso.com.br', upn: 'admin (ti)@contoso.com' },
];

describe.each(CLOUDS)('every line the builders print for a %s tenant passes the lint', (cloud) => {
  it.each(VALUES)('with $mailbox', (values) => {
    const lines = [
      connectExchangeOnline(cloud),
      connectExchangeOnline(cloud, { organization: values.tenant }),
      connectExchangeOnline(cloud, { userPrincipalName: values.upn }),
      newServicePrincipal(values.appId, values.objectId),
      getServicePrincipal(),
      getServicePrincipal(values.appId),
      removeServicePrincipal(values.appId),
      addMailboxPermission(values.mailbox, values.objectId),
      addMailboxPermission(values.mailbox, values.upn),
      getMailboxPermission(values.mailbox),
      addRecipientPermission(values.mailbox, values.objectId),
      enableMailboxProtocol(values.mailbox, 'imap'),
      enableMailboxProtocol(values.mailbox, 'pop3'),
      enableMailboxSmtpAuth(values.mailbox),
      getCasMailbox(values.mailbox, ['ImapEnabled', 'PopEnabled', 'SmtpClientAuthenticationDisabled']),
      ENABLE_ORGANIZATION_SMTP_AUTH,
      GET_ORGANIZATION_SMTP_AUTH,
      ...smtpRbacForMailbox(values.objectId, values.mailbox),
      testNetConnection('outlook.office365.com', 993),
      setEnvironmentVariable('HTTPS_PROXY', 'http://proxy.example.com:3128'),
      setEnvironmentVariableToType('TACTIUM_CLIENT_SECRET'),
    ];
    for (const line of lines) expect({ line, problems: lintPowerShell(line) }).toEqual({ line, problems: [] });
  });
});
