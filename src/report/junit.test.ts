import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createTranslator } from '../i18n/index.js';
import { renderJunit } from './junit.js';
import { CANARY, CANARY_BASE64, LONG_COMMAND, SPACED_CANARY, richReport } from '../../test/support/rich-report.js';

type Node = Record<string, unknown>;
const en = createTranslator('en');

function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  });
  return (parser.parse(xml) as Node).testsuites as Node;
}

function text(node: unknown): string {
  if (typeof node === 'string') return node;
  return String((node as Node)['#text'] ?? '');
}

describe('renderJunit', () => {
  it('counts tests, failures, errors and skips on <testsuites> with the run time in seconds', () => {
    const suites = parse(renderJunit(richReport(), en));
    expect(suites).toMatchObject({ '@name': 'tactium-preflight', '@tests': '8', '@failures': '1', '@errors': '1', '@skipped': '3', '@time': '12.345' });
  });

  it('records where it was verified from, the tool version and the start time as properties', () => {
    const suites = parse(renderJunit(richReport({ interrupted: 'SIGINT' }), en));
    const properties = Object.fromEntries(((suites.properties as Node).property as Node[]).map((property) => [property['@name'], property['@value']]));
    expect(properties).toMatchObject({
      'tool.version': '0.1.0',
      startedAt: '2025-06-02T12:00:00.000Z',
      'verifiedFrom.hostname': 'notebook-ti',
      'verifiedFrom.addresses': '192.168.0.10, fe80::1',
      'verifiedFrom.proxy': 'http://[redacted]@proxy.contoso.local:3128',
      interrupted: 'SIGINT',
    });
  });

  it('writes one testsuite per account with its own counts', () => {
    const suites = (parse(renderJunit(richReport(), en)).testsuite as Node[]).map((suite) => [
      suite['@name'],
      suite['@tests'],
      suite['@failures'],
      suite['@errors'],
      suite['@skipped'],
      suite['@time'],
    ]);
    expect(suites).toEqual([
      ['atendimento', '4', '1', '1', '1', '0.291'],
      ['suporte', '4', '0', '0', '2', '0.010'],
    ]);
  });

  it('maps each status onto JUnit: fail → failure, error → error, skip → skipped, warn → passed with system-out', () => {
    const [first, second] = parse(renderJunit(richReport(), en)).testsuite as Node[];
    const [pass, fail, skip, error] = first!.testcase as Node[];
    const [, warn, skipWithSteps] = second!.testcase as Node[];

    expect(pass).toMatchObject({ '@classname': 'atendimento.config', '@name': 'config.secrets-inline — Configuration', '@time': '0.001' });
    expect(pass!.failure).toBeUndefined();
    expect(text(pass!['system-out'])).toContain('pass-trace-line');

    expect(fail).toMatchObject({ '@classname': 'atendimento.smtp', '@name': 'smtp.tls — Outgoing mail (SMTP)', '@time': '0.250' });
    const failure = fail!.failure as Node;
    expect(failure['@type']).toBe('TLS_CERT_EXPIRED');
    expect(failure['@message']).toBe('skipped because smtp.connect did not pass (fail)');
    expect(text(failure)).toContain('- error: 535 5.7.3 Authentication unsuccessful [redacted]');
    expect(text(failure)).toContain(`       ${LONG_COMMAND}`);
    expect(text(failure)).toContain('1. Microsoft Entra ID');
    expect(text(fail!['system-out'])).toContain('+0.003s C: EHLO notebook-ti');

    expect(skip!.skipped).toMatchObject({ '@message': 'not applicable to this account' });
    expect(skip!.failure).toBeUndefined();
    expect(skip!['system-out']).toBeUndefined();

    expect((error!.error as Node)['@type']).toBe('CHECK_CRASHED');
    expect((error!.error as Node)['@message']).toContain('this check failed unexpectedly (boom | bang\\nat line 2)');
    expect(error!.failure).toBeUndefined();

    expect(warn!.failure).toBeUndefined();
    expect(warn!.error).toBeUndefined();
    expect(warn!.skipped).toBeUndefined();
    const out = text(warn!['system-out']);
    expect(out).toContain('Warning: network access to the servers');
    expect(out).toContain('Code: SMTP_PORT_25');
    expect(out).toContain('- error: smtp.gmail.com:25');
    expect(out).toContain('1. a recipient (--send-to)');

    expect(skipWithSteps!.skipped).toMatchObject({ '@message': 'an administrator sign-in (--admin)' });
    expect(text(skipWithSteps!['system-out'])).toContain('Steps:');
  });

  it('translates names and messages with the translator', () => {
    const [first] = parse(renderJunit(richReport(), createTranslator('pt-BR'))).testsuite as Node[];
    const fail = (first!.testcase as Node[])[1]!;
    expect(fail['@name']).toBe('smtp.tls — Envio (SMTP)');
    expect((fail.failure as Node)['@message']).toBe('pulado porque smtp.connect não passou (fail)');
    expect(text(fail.failure)).toContain('Evidências:');
  });

  it('contains no ANSI code, no control character XML forbids, and no registered secret', () => {
    const xml = renderJunit(richReport(), en);
    expect(xml).not.toMatch(/\x1b\[/);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).toContain('\\x1b[31mrejected');
    expect(xml).not.toContain(CANARY);
    expect(xml).not.toContain(CANARY_BASE64);
    expect(xml).not.toContain(SPACED_CANARY);
    expect(xml).not.toContain('proxypass');
  });
});
