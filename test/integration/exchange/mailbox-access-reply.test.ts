/**
 * exchange.mailbox-access quotes what the server said when the mailbox did not open: Exchange's
 * "User is authenticated but not connected." is named as such, any other refusal after the login is quoted
 * as sent (not reported as the not-connected text). Entra stand-in + an Exchange-like IMAP fault server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueCert } from '../../../standins/certs.js';
import { EXCHANGE_IMAP_CAPABILITIES, EXCHANGE_IMAP_GREETING, startFakeImap, type FaultServer } from '../../support/incoming-fault-servers.js';
import { MAILBOX, IMAP_HOST, officeAccount, runAccount, startExchangeWorld, type ExchangeWorld } from './exchange-world.js';

let world: ExchangeWorld;
let fake: FaultServer;

beforeAll(async () => {
  world = await startExchangeWorld();
  fake = await startFakeImap({
    tls: issueCert(world.ca, { hosts: [IMAP_HOST] }),
    greeting: EXCHANGE_IMAP_GREETING,
    capabilities: EXCHANGE_IMAP_CAPABILITIES,
    login: () => ({ status: 'OK AUTHENTICATE completed.' }),
    afterLogin: (command) => (command === 'LIST' ? ['{tag} NO [UNAVAILABLE] The mailbox database is temporarily unavailable.'] : undefined),
  });
}, 30_000);

afterAll(async () => {
  await fake.stop();
  await world.stopAll();
});

describe('the mailbox did not open, with another reply than "not connected"', () => {
  it('quotes the server’s reply in the summary instead of “User is authenticated but not connected”', async () => {
    const app = world.healthyApp();
    const { results } = await runAccount(
      world,
      officeAccount(world, app, 'imap', { incoming: { protocol: 'imap', host: IMAP_HOST, port: fake.port, security: 'tls' } }),
    );
    const access = results['exchange.mailbox-access'];
    expect(access).toMatchObject({
      status: 'fail',
      code: 'EXCHANGE_NOT_CONNECTED',
      summary: { key: 'exchange.access.notConnectedReply', params: { protocol: 'IMAP', mailbox: MAILBOX, oid: app.servicePrincipal.id } },
    });
    expect(String(access?.summary.params?.reply)).toContain('NO [UNAVAILABLE] The mailbox database is temporarily unavailable.');
  });
});
