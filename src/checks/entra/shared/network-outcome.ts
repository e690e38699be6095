/**
 * A request to Entra that got no HTTP answer, as a check outcome: DNS, refused, timeout, an untrusted
 * certificate (a TLS-inspecting firewall or proxy: the fix is `tls.caFile` with the corporate root), and
 * the proxy's own failures, each told apart with the host, address, proxy and certificate seen.
 */
import type { Account } from '../../../config/types.js';
import { msg } from '../../../i18n/index.js';
import type { Message } from '../../../core/message.js';
import type { HttpError } from '../../../probes/https/failure.js';
import type { CheckOutcome, Evidence, Remediation } from '../../../core/check.js';
import { setEnvironmentVariable } from '../../../providers/microsoft/powershell.js';

const PROXY_EXAMPLE = 'http://proxy.example.com:3128';

/** Evidence of where the request went and what happened on the way. */
export function httpErrorEvidence(error: HttpError): Evidence[] {
  const evidence: Evidence[] = [{ label: 'entra.evidence.endpoint', value: error.target }];
  if (error.address) evidence.push({ label: 'entra.evidence.address', value: `${error.address}:${error.port}` });
  if (error.proxy) evidence.push({ label: 'entra.evidence.proxy', value: `${error.proxy.url} (${error.proxy.variable})` });
  if (error.proxyStatus !== undefined) evidence.push({ label: 'entra.evidence.proxyStatus', value: String(error.proxyStatus) });
  if (error.certificate) {
    evidence.push({ label: 'entra.evidence.certificateSubject', value: error.certificate.subject });
    evidence.push({ label: 'entra.evidence.certificateIssuer', value: error.certificate.issuer });
  }
  evidence.push({ label: 'entra.evidence.networkError', value: error.nodeCode ? `${error.code} (${error.nodeCode})` : error.code });
  evidence.push({ label: 'entra.evidence.elapsed', value: `${error.elapsedMs} ms` });
  return evidence;
}

function summaryOf(error: HttpError, seconds: number): Message {
  const host = error.host;
  const proxy = error.proxy?.url ?? '';
  switch (error.code) {
    case 'DNS_NOT_FOUND':
    case 'DNS_NO_ADDRESS':
      return msg('entra.network.dnsNotFound', { host });
    case 'DNS_TIMEOUT':
      return msg('entra.network.dnsTimeout', { host });
    case 'DNS_NO_NETWORK':
      return msg('entra.network.dnsNoNetwork', { host });
    case 'DNS_SERVER_FAILURE':
    case 'DNS_LOOKUP_FAILED':
      return msg('entra.network.dnsFailed', { host, code: error.nodeCode ?? error.code });
    case 'TCP_REFUSED':
      return msg('entra.network.refused', { host, port: error.port });
    case 'TCP_TIMEOUT':
      return msg('entra.network.connectTimeout', { host, port: error.port, seconds });
    case 'TCP_RESET':
      return msg('entra.network.reset', { host });
    case 'NETWORK_UNREACHABLE':
      return msg('entra.network.unreachable', { host });
    case 'TLS_CERT_UNTRUSTED':
      return error.certificate ? msg('entra.network.untrustedIssuer', { host, issuer: error.certificate.issuer }) : msg('entra.network.untrusted', { host });
    case 'TLS_CERT_EXPIRED':
      return msg('entra.network.certificateDates', { host });
    case 'TLS_HOSTNAME_MISMATCH':
      return msg('entra.network.hostnameMismatch', { host });
    case 'TLS_HANDSHAKE_FAILED':
      return msg('entra.network.tlsFailed', { host, code: error.nodeCode ?? error.code });
    case 'PROXY_UNREACHABLE':
      return msg('entra.network.proxyUnreachable', { proxy });
    case 'PROXY_AUTH_REQUIRED':
      return msg('entra.network.proxyAuth', { proxy });
    case 'PROXY_REJECTED':
      return msg('entra.network.proxyRejected', { proxy, status: error.proxyStatus ?? 0, host });
    case 'HTTP_TIMEOUT':
      return msg('entra.network.noAnswer', { host, seconds });
    case 'HTTP_RESPONSE_TOO_LARGE':
      return msg('entra.network.tooLarge', { host });
    case 'ABORTED':
      return msg('entra.network.aborted', { host });
    case 'HTTP_FAILED':
      return msg('entra.network.failed', { host, code: error.nodeCode ?? error.code });
  }
}

function fixesOf(error: HttpError, account: Account): Remediation[] {
  const host = error.host;
  const firewall: Remediation = { kind: 'text', message: msg('entra.fix.firewall', { host }) };
  const setProxy: Remediation[] = [
    { kind: 'command', message: msg('entra.fix.proxyPowerShell'), target: setEnvironmentVariable('HTTPS_PROXY', PROXY_EXAMPLE) },
    { kind: 'command', message: msg('entra.fix.proxyPosix'), target: `export HTTPS_PROXY=${PROXY_EXAMPLE}` },
  ];
  switch (error.code) {
    case 'DNS_NOT_FOUND':
    case 'DNS_NO_ADDRESS':
      return [
        { kind: 'text', message: msg('entra.fix.loginHost', { host, cloud: account.cloud }) },
        { kind: 'command', message: msg('entra.fix.nslookup'), target: `nslookup ${host}` },
      ];
    case 'DNS_TIMEOUT':
    case 'DNS_NO_NETWORK':
    case 'DNS_SERVER_FAILURE':
    case 'DNS_LOOKUP_FAILED':
      return [
        { kind: 'text', message: msg('entra.fix.dnsServer') },
        { kind: 'command', message: msg('entra.fix.nslookup'), target: `nslookup ${host}` },
      ];
    case 'TCP_REFUSED':
    case 'TCP_TIMEOUT':
    case 'TCP_RESET':
    case 'NETWORK_UNREACHABLE':
    case 'HTTP_TIMEOUT':
      return error.proxy ? [firewall] : [firewall, { kind: 'text', message: msg('entra.fix.useProxy') }, ...setProxy];
    case 'TLS_CERT_UNTRUSTED':
      return [
        { kind: 'text', message: msg('entra.fix.tlsInspection', { host }) },
        { kind: 'text', message: msg('entra.fix.caFile'), target: 'tls:\n  caFile: ./corporate-root.pem' },
        { kind: 'text', message: msg('entra.fix.caFileExport') },
      ];
    case 'TLS_CERT_EXPIRED':
    case 'TLS_HOSTNAME_MISMATCH':
    case 'TLS_HANDSHAKE_FAILED':
      return [
        { kind: 'text', message: msg('entra.fix.tlsOther', { host }) },
        { kind: 'text', message: msg('entra.fix.loginHost', { host, cloud: account.cloud }) },
      ];
    case 'PROXY_UNREACHABLE':
      return [{ kind: 'text', message: msg('entra.fix.proxyCheck', { proxy: error.proxy?.url ?? '', variable: error.proxy?.variable ?? 'HTTPS_PROXY' }) }];
    case 'PROXY_AUTH_REQUIRED':
      return [{ kind: 'text', message: msg('entra.fix.proxyCredentials'), target: 'HTTPS_PROXY=http://user:password@proxy.example.com:3128' }];
    case 'PROXY_REJECTED':
      return [{ kind: 'text', message: msg('entra.fix.proxyAllow', { host, proxy: error.proxy?.url ?? '' }) }];
    case 'HTTP_RESPONSE_TOO_LARGE':
    case 'ABORTED':
    case 'HTTP_FAILED':
      return [firewall];
  }
}

/** The outcome of a request to Entra that failed in transport. The code is the failure's own (DNS_NOT_FOUND…). */
export function httpFailureOutcome(error: HttpError, account: Account, stepTimeoutMs: number, extra: readonly Evidence[] = []): CheckOutcome {
  return {
    status: 'fail',
    code: error.code,
    summary: summaryOf(error, Math.round(stepTimeoutMs / 1000)),
    evidence: [...extra, ...httpErrorEvidence(error)],
    remediation: fixesOf(error, account),
  };
}
