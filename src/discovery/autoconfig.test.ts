import { autoconfigUrls, parseAutoconfig } from './autoconfig.js';

const FILE = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="loja.example">
    <domain>loja.example</domain>
    <incomingServer type="pop3">
      <hostname>pop.%EMAILDOMAIN%</hostname><port>995</port><socketType>SSL</socketType>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname><port>143</port><socketType>STARTTLS</socketType>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.loja.example</hostname><port>465</port><socketType>SSL</socketType>
    </outgoingServer>
  </emailProvider>
</clientConfig>`;

describe('parseAutoconfig', () => {
  it('reads the IMAP server (before POP3) and the SMTP server, with %EMAILDOMAIN% filled in', () => {
    expect(parseAutoconfig(FILE, 'loja.example')).toEqual({
      kind: 'ok',
      servers: {
        incoming: { protocol: 'imap', host: 'imap.loja.example', port: 143, security: 'starttls' },
        outgoing: { host: 'smtp.loja.example', port: 465, security: 'tls' },
      },
    });
  });

  it('refuses any DOCTYPE (entity expansion, external entities), whatever its case', () => {
    const bomb = FILE.replace('<clientConfig', '<!DOCTYPE clientConfig [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<clientConfig');
    expect(parseAutoconfig(bomb, 'loja.example')).toEqual({ kind: 'error', reason: 'doctype' });
    const external = FILE.replace('<clientConfig', '<!doctype clientConfig SYSTEM "file:///etc/passwd">\n<clientConfig');
    expect(parseAutoconfig(external, 'loja.example')).toEqual({ kind: 'error', reason: 'doctype' });
  });

  it('refuses malformed XML, and a file without both an incoming and an outgoing server', () => {
    expect(parseAutoconfig(FILE.replace('</clientConfig>', ''), 'loja.example')).toEqual({ kind: 'error', reason: 'malformed' });
    expect(parseAutoconfig('<html><body>Welcome to our parking page</body>', 'loja.example')).toEqual({ kind: 'error', reason: 'malformed' });
    const noSmtp = FILE.replace(/<outgoingServer[\s\S]*<\/outgoingServer>/, '');
    expect(parseAutoconfig(noSmtp, 'loja.example')).toEqual({ kind: 'error', reason: 'incomplete' });
  });

  it('proposes no host that is not a plain host name, nor an impossible port', () => {
    const hostile = FILE.replace('imap.%EMAILDOMAIN%', 'imap.example.com\nX-Injected: 1').replace('<port>995</port>', '<port>99999</port>');
    expect(parseAutoconfig(hostile, 'loja.example')).toEqual({ kind: 'error', reason: 'incomplete' });
  });
});

describe('autoconfigUrls', () => {
  it("asks the domain's autoconfig host, then its .well-known path; an override replaces both hosts", () => {
    expect(autoconfigUrls('a@loja.example', 'loja.example')).toEqual([
      'https://autoconfig.loja.example/mail/config-v1.1.xml?emailaddress=a%40loja.example',
      'https://loja.example/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=a%40loja.example',
    ]);
    expect(autoconfigUrls('a@loja.example', 'loja.example', 'https://127.0.0.1:8443/')).toEqual([
      'https://127.0.0.1:8443/mail/config-v1.1.xml?emailaddress=a%40loja.example',
      'https://127.0.0.1:8443/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=a%40loja.example',
    ]);
  });
});
