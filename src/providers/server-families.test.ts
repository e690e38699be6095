import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exchangeGreetingHost, familyEvidence, isExchange, recogniseServer, type ServerSignals } from './server-families.js';

/** Recorded greetings, capabilities and replies per family, each with its source (test/fixtures/server-replies/README.md). */
interface Recorded extends ServerSignals {
  readonly source: string;
  readonly expect: string | null;
}

const FOLDER = resolve('test/fixtures/server-replies');
const recorded: (Recorded & { readonly file: string })[] = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.json'))
  .flatMap((file) => (JSON.parse(readFileSync(join(FOLDER, file), 'utf8')) as Recorded[]).map((entry) => ({ ...entry, file })));

describe('recogniseServer replays recorded server texts', () => {
  it('has recordings for every family the brief names, and each cites its source', () => {
    const families = new Set(recorded.map((entry) => entry.expect));
    for (const id of ['exchange-online', 'exchange-onprem', 'gmail', 'dovecot', 'cyrus', 'courier', 'zimbra', 'postfix', 'exim', 'haraka', 'qmail', null]) {
      expect(families).toContain(id);
    }
    for (const entry of recorded) expect(entry.source.length).toBeGreaterThan(10);
  });

  it.each(recorded.map((entry) => [`${entry.file}: ${entry.source}`, entry] as const))('%s', (_name, entry) => {
    const found = recogniseServer(entry);
    expect(found?.id ?? null).toBe(entry.expect);
    if (found) expect(familyEvidence(found)).toContain(found.name);
  });
});

describe('Exchange Online or on-premises', () => {
  it('reads the server name Exchange puts in base64 UTF-16LE at the end of its greeting', () => {
    expect(exchangeGreetingHost('* OK The Microsoft Exchange IMAP4 service is ready. [RQBYAEMASAAwADEALgBjAG8AbgB0AG8AcwBvAC4AbABvAGMAYQBsAA==]')).toBe(
      'EXCH01.contoso.local',
    );
    expect(exchangeGreetingHost('* OK Dovecot ready. [not base64 at all]')).toBeUndefined();
  });

  it('names the front end in the evidence, and counts every Exchange as Exchange', () => {
    const online = recogniseServer({
      protocol: 'imap',
      greeting:
        '* OK The Microsoft Exchange IMAP4 service is ready. [UwBOADIAUABSADAAMQBDAEEAMAAwADEAOAAuAG4AYQBtAHAAcgBkADAAMQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBrAC4AYwBvAG0A]',
    });
    expect(online?.id).toBe('exchange-online');
    expect(familyEvidence(online!)).toContain('SN2PR01CA0018.namprd01.prod.outlook.com');
    expect(isExchange(online)).toBe(true);
    expect(isExchange(recogniseServer({ protocol: 'smtp', greeting: '220 mail.contoso.com Microsoft ESMTP MAIL Service ready at Mon' }))).toBe(true);
    expect(isExchange(recogniseServer({ protocol: 'smtp', greeting: '220 mail.example.com ESMTP Postfix' }))).toBe(false);
    expect(isExchange(undefined)).toBe(false);
  });

  it('does not take a product name from a hostile greeting as an Exchange Online front end', () => {
    // A server naming itself after outlook.com in a custom banner is still judged by its own name.
    const found = recogniseServer({ protocol: 'smtp', greeting: '220 outlook.office365.com.evil.test Microsoft ESMTP MAIL Service ready at Mon' });
    expect(found?.id).toBe('exchange-onprem');
  });
});
