import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createTranslator, msg } from '../i18n/index.js';
import { renderJunit, renderJunitParts } from './junit.js';
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
  it('writes, piece by piece, one well-formed document: the head, a suite per account at its indentation, the end', () => {
    const report = richReport();
    const several = { ...report, accounts: [...report.accounts, ...report.accounts.map((account) => ({ ...account, name: `${account.name}-2` }))] };
    const parts = [...renderJunitParts(several, en)];
    expect(parts).toHaveLength(several.accounts.length + 2);
    for (const part of parts.slice(1, -1)) expect(part).toMatch(/^ {2}<testsuite [^]*\n {2}<\/testsuite>\n$/);
    expect(parts.at(-1)).toBe('</testsuites>\n');
    const suites = parse(parts.join(''));
    expect((suites.testsuite as Node[]).map((suite) => suite['@name'])).toEqual(several.accounts.map((account) => account.name));
    expect(renderJunit(several, en)).toBe(parts.join(''));
  });

  it('counts tests, failures, errors and skips on <testsuites> with the run time in seconds', () => {
    const suites = parse(renderJunit(richReport(), en));
    expect(suites).toMatchObject({ '@name': 'tactium-preflight', '@tests': '7', '@failures': '1', '@errors': '1', '@skipped': '2', '@time': '12.345' });
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
      ['atendimento', '3', '1', '1', '0', '0.291'],
      ['suporte', '4', '0', '0', '2', '0.010'],
    ]);
  });

  it('maps each status onto JUnit: fail → failure, error → error, skip → skipped, warn → passed with system-out', () => {
    const [first, second] = parse(renderJunit(richReport(), en)).testsuite as Node[];
    const [pass, fail, error] = first!.testcase as Node[];
    const [, warn, skipWithSteps] = second!.testcase as Node[];

    expect(pass).toMatchObject({ '@classname': 'atendimento.config', '@name': 'config.secrets-inline — atendimento', '@time': '0.001' });
    expect(pass!.failure).toBeUndefined();
    expect(text(pass!['system-out'])).toContain('pass-trace-line');

    expect(fail).toMatchObject({ '@classname': 'atendimento.smtp', '@name': 'smtp.tls — atendimento', '@time': '0.250' });
    const failure = fail!.failure as Node;
    expect(failure['@type']).toBe('TLS_CERT_EXPIRED');
    expect(failure['@message']).toBe('skipped because smtp.connect did not pass (fail)');
    expect(text(failure)).toContain('- error: 535 5.7.3 Authentication unsuccessful [redacted]');
    expect(text(failure)).toContain(`       ${LONG_COMMAND}`);
    expect(text(failure)).toContain('1. Microsoft Entra ID');
    expect(text(fail!['system-out'])).toContain('+0.003s C: EHLO notebook-ti');

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

  it('translates messages with the translator, never the testcase names or classnames', () => {
    const [first] = parse(renderJunit(richReport(), createTranslator('pt-BR'))).testsuite as Node[];
    const fail = (first!.testcase as Node[])[1]!;
    expect(fail['@name']).toBe('smtp.tls — atendimento');
    const names = (xml: string) =>
      (parse(xml).testsuite as Node[]).flatMap((suite) =>
        (suite.testcase as Node[]).map((testcase) => `${String(testcase['@classname'])} ${String(testcase['@name'])}`),
      );
    expect(names(renderJunit(richReport(), createTranslator('pt-BR')))).toEqual(names(renderJunit(richReport(), en)));
    expect((fail.failure as Node)['@message']).toBe('pulado porque smtp.connect não passou (fail)');
    expect(text(fail.failure)).toContain('Evidências:');
  });

  it('writes no testcase for a check that does not apply to the account', () => {
    const suites = parse(renderJunit(richReport(), en)).testsuite as Node[];
    const names = suites.flatMap((suite) => (suite.testcase as Node[]).map((testcase) => testcase['@name']));
    expect(names).not.toContain('entra.app — atendimento');
    expect(names).toHaveLength(7);
  });

  it('gives testsuites the run time, and a suite the account wall time capped by it', () => {
    const report = richReport({ durationMs: 200 });
    const measured = { ...report, accounts: [{ ...report.accounts[0]!, durationMs: 120 }, report.accounts[1]!] };
    const suites = parse(renderJunit(measured, en));
    expect(suites['@time']).toBe('0.200');
    expect((suites.testsuite as Node[]).map((suite) => suite['@time'])).toEqual(['0.120', '0.010']);
    const unmeasured = parse(renderJunit(richReport({ durationMs: 200 }), en));
    expect((unmeasured.testsuite as Node[]).map((suite) => suite['@time'])).toEqual(['0.200', '0.010']);
  });

  it('writes a file that could not be loaded as one failing config testcase with file:line:column and the message', () => {
    const issue = { file: 'clientes/beta.yaml', line: 4, column: 11, path: 'accounts[0].outgoing.port', message: msg('configfile.read.missing') };
    const report = richReport({ configErrors: [{ source: 'beta.yaml', issues: [issue] }] });
    const suites = parse(renderJunit(report, en));
    expect(suites).toMatchObject({ '@tests': '8', '@failures': '2' });
    const suite = (suites.testsuite as Node[])[0]!;
    expect(suite).toMatchObject({ '@name': 'beta.yaml', '@tests': '1', '@failures': '1' });
    const testcase = (suite.testcase as Node[])[0]!;
    expect(testcase).toMatchObject({ '@classname': 'beta.yaml.config', '@name': 'config — beta.yaml' });
    const failure = testcase.failure as Node;
    expect(failure['@type']).toBe('CONFIG_INVALID');
    expect(failure['@message']).toBe(`clientes/beta.yaml:4:11  accounts[0].outgoing.port: ${en.message(msg('configfile.read.missing'))}`);
    expect(text(failure)).toContain('1 problem(s)');
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
