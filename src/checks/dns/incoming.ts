import { defineCheck } from '../../core/check.js';
import { checkHostResolves } from './shared/resolve-host.js';

/** The incoming (IMAP/POP3) host name resolves to an address, told apart from NXDOMAIN, timeout, no network. */
export const dnsIncomingCheck = defineCheck({
  id: 'dns.incoming',
  area: 'dns',
  title: 'dns.incoming.title',
  needs: ['network'],
  steps: 1,
  appliesTo: () => true,
  run: (context) => checkHostResolves(context, 'incoming'),
});
