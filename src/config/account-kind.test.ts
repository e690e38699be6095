import { expectKind, isGmailOAuth, isOffice365Application, isOffice365Delegated, isOffice365OAuth } from './account-kind.js';
import { parseConfigText } from './load/index.js';

/** One account of each kind, as the loader builds it from YAML (secrets not resolved: no env needed). */
const FILE = [
  'version: 1',
  'accounts:',
  '  - { name: app, provider: office365, mailbox: a@contoso.com.br, auth: { method: oauth2, flow: application, tenantId: contoso.onmicrosoft.com, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, clientSecret: "${env:S}" } }',
  '  - { name: user, provider: office365, mailbox: u@contoso.com.br, auth: { method: oauth2, flow: delegated, tenantId: contoso.onmicrosoft.com, clientId: 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, clientSecret: "${env:S}", redirectUri: "https://crm.example/cb" } }',
  '  - { name: o365pw, provider: office365, mailbox: p@contoso.com.br, auth: { method: password, password: "${env:P}" } }',
  '  - { name: gmail, provider: gmail, mailbox: g@example.com, auth: { method: oauth2, clientId: 1234-abc.apps.googleusercontent.com, clientSecret: "${env:S}" } }',
  '  - { name: imap, provider: imap, mailbox: i@example.com, auth: { method: password, password: "${env:P}" }, incoming: { host: imap.example.com, port: 993, security: tls }, outgoing: { host: smtp.example.com, port: 587, security: starttls } }',
].join('\n');

describe('account kinds', () => {
  it('tell each kind of account the loader builds from the others', async () => {
    const config = await parseConfigText(FILE, '/tmp/kinds.yaml', { resolveSecrets: false });
    const kinds = config.accounts.map((account) =>
      [isOffice365OAuth, isOffice365Application, isOffice365Delegated, isGmailOAuth].map((guard) => (guard(account) ? 1 : 0)).join(''),
    );
    expect(kinds).toEqual(['1100', '1010', '0000', '0001', '0000']);
    const app = config.accounts[0]!;
    // The guard gives the keys the rules require: no fallback needed.
    expect(expectKind(app, isOffice365Application, 'test').auth.tenantId.length).toBeGreaterThan(0);
  });

  it('refuses, as our bug, an account of another kind than a check admits', async () => {
    const config = await parseConfigText(FILE, '/tmp/kinds.yaml', { resolveSecrets: false });
    expect(() => expectKind(config.accounts[4]!, isOffice365OAuth, 'entra.tenant')).toThrow(
      'entra.tenant called for an account of another kind (imap, password)',
    );
  });
});
