import { classifyExchanger, printableHost } from './mail-exchangers.js';

describe('classifyExchanger', () => {
  it.each([
    ['contoso-com.mail.protection.outlook.com', { kind: 'microsoft', cloud: 'global' }],
    ['Contoso-Com.MAIL.Protection.Outlook.com.', { kind: 'microsoft', cloud: 'global' }],
    ['contoso-com.o-v1.mx.microsoft', { kind: 'microsoft', cloud: 'global' }],
    ['agency-gov.mail.protection.office365.us', { kind: 'microsoft', cloud: 'usgov' }],
    ['contoso-cn.mail.protection.partner.outlook.cn', { kind: 'microsoft', cloud: 'china' }],
    ['smtp.google.com', { kind: 'google' }],
    ['aspmx.l.google.com', { kind: 'google' }],
    ['alt4.aspmx.l.google.com', { kind: 'google' }],
    ['aspmx3.googlemail.com', { kind: 'google' }],
    ['gmail-smtp-in.l.google.com', { kind: 'google' }],
    ['alt2.gmail-smtp-in.l.google.com', { kind: 'google' }],
    ['mx0b-00123401.pphosted.com', { kind: 'gateway', vendor: 'Proofpoint' }],
    ['mx1-us1.ppe-hosted.com', { kind: 'gateway', vendor: 'Proofpoint' }],
    ['us-smtp-inbound-1.mimecast.com', { kind: 'gateway', vendor: 'Mimecast' }],
    ['d123456a.ess.barracudanetworks.com', { kind: 'gateway', vendor: 'Barracuda' }],
    ['mx1.contoso.iphmx.com', { kind: 'gateway', vendor: 'Cisco Secure Email' }],
    ['contoso.in.tmes.trendmicro.com', { kind: 'gateway', vendor: 'Trend Micro' }],
    ['mx-01-eu-west-1.prod.hydra.sophos.com', { kind: 'gateway', vendor: 'Sophos' }],
    ['cluster1.eu.messagelabs.com', { kind: 'gateway', vendor: 'Broadcom (Symantec) Email Security.cloud' }],
    ['mail.contoso.com.br', { kind: 'other' }],
    // Look-alikes are not the provider: only a whole label suffix counts.
    ['mail.protection.outlook.com.evil.example', { kind: 'other' }],
    ['evilmail.protection.outlook.com.br', { kind: 'other' }],
    ['aspmx.l.google.com.evil.example', { kind: 'other' }],
    ['notpphosted.com', { kind: 'other' }],
  ])('%s', (host, expected) => {
    expect(classifyExchanger(host)).toEqual(expected);
  });
});

describe('printableHost', () => {
  it('keeps a host name as DNS gives it, lower-case without the root dot, and neutralises control characters', () => {
    expect(printableHost('MX.Contoso.com.')).toBe('mx.contoso.com');
    expect(printableHost('mx.contoso.com\u001b[31m\u0007')).toBe('mx.contoso.com?[31m?');
  });
});
