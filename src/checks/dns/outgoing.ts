import { defineCheck } from '../../core/check.js';
import { checkHostResolves } from './shared/resolve-host.js';

/** The outgoing (SMTP) host name resolves to an address, told apart from NXDOMAIN, timeout, no network. */
export const dnsOutgoingCheck = defineCheck({
  id: 'dns.outgoing',
  area: 'dns',
  title: 'dns.outgoing.title',
  needs: ['network'],
  steps: 1,
  appliesTo: () => true,
  run: (context) => checkHostResolves(context, 'outgoing'),
});
