/**
 * `--login` leak canary: the authorization code, the pasted address, the address the loopback listener
 * received, the access, refresh and id tokens and the client secret never appear — in any form (raw,
 * base64, URL-encoded) — in check results (in both languages), in --trace transcripts, or in what the
 * tool shows the person on standard error. The redactor is emptied before the run, and results must need
 * no redaction at all outside the transcripts: the code never put a secret there.
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CheckResult } from '../../../src/core/check.js';
import { translate } from '../../../src/i18n/index.js';
import { resetRedactionForTests } from '../../../src/secrets/redact.js';
import { signInAt } from '../../../standins/entra-standin/delegated.js';
import { REDIRECT_URI, USER_UPN, delegatedAccount, delegatedApp, runAccount, startExchangeWorld, type ExchangeWorld } from '../exchange/exchange-world.js';
import { browserAnswer, onLoopback, scriptedPerson, type ScriptedPerson } from './login-person.js';

let world: ExchangeWorld;

beforeAll(async () => {
  world = await startExchangeWorld();
}, 30_000);

afterAll(async () => {
  await world.stopAll();
});

function forms(value: string): string[] {
  return [
    value,
    Buffer.from(value).toString('base64').replace(/=+$/, ''),
    Buffer.from(value).toString('base64url'),
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
  ];
}

function leaksIn(text: string, values: readonly string[]): string[] {
  return values.flatMap((value) =>
    forms(value)
      .filter((form) => form.length >= 8 && text.includes(form))
      .map((form) => form.slice(0, 24)),
  );
}

function rendered(results: readonly CheckResult[]): string {
  const parts = [JSON.stringify(results)];
  for (const result of results) {
    for (const locale of ['en', 'pt-BR'] as const) {
      parts.push(translate(locale, result.summary.key, result.summary.params));
      for (const step of result.remediation) parts.push(translate(locale, step.message.key, step.message.params));
    }
  }
  return parts.join('\n');
}

function redeemAsCallback(app: ReturnType<typeof delegatedApp>, location: string): Promise<void> {
  const code = new URL(location).searchParams.get('code') ?? '';
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: app.application.appId,
    client_secret: app.secret,
    code,
    redirect_uri: REDIRECT_URI,
  }).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${world.standin.origin}/${world.contoso.id}/oauth2/v2.0/token`,
      { method: 'POST', ca: world.ca.pem, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve());
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('the --login sign-in never leaks', () => {
  it('keeps codes, pasted and received addresses, tokens and the client secret out of results, transcripts and the terminal', async () => {
    resetRedactionForTests();
    const people: ScriptedPerson[] = [];
    const results: CheckResult[] = [];
    const secrets: string[] = [];
    const run = async (app: ReturnType<typeof delegatedApp>, person: ScriptedPerson, mailbox = USER_UPN): Promise<Record<string, CheckResult>> => {
      people.push(person);
      secrets.push(app.secret);
      world.exchange.target = mailbox;
      const { results: byId } = await runAccount(world, delegatedAccount(world, app, 'imap', { mailbox }), {
        login: true,
        interaction: person.interaction,
        verbose: true,
      });
      results.push(...Object.values(byId));
      return byId;
    };

    // Healthy: pasted address → code → tokens → IMAP and SMTP logins.
    const healthy = await run(delegatedApp(world), scriptedPerson({ paste: (url) => browserAnswer(url, USER_UPN, world.ca.pem) }));
    expect(healthy['exchange.mailbox-access']?.status).toBe('pass');
    // Consent missing: the code reaches the token endpoint and is refused.
    const noConsent = await run(delegatedApp(world, { consent: [] }), scriptedPerson({ paste: (url) => browserAnswer(url, USER_UPN, world.ca.pem) }));
    expect(noConsent['exchange.mailbox-access']?.code).toBe('ENTRA_CONSENT_MISSING');
    // The live callback took the code (54005), then the loopback listener received a new one.
    const taken = delegatedApp(world);
    const loopback = await run(
      taken,
      scriptedPerson({
        paste: async (url) => {
          const location = await browserAnswer(url, USER_UPN, world.ca.pem);
          await redeemAsCallback(taken, location);
          return location;
        },
        confirm: (message) => {
          if (message.key === 'exchange.login.loopbackReady')
            world.delegated.setRedirectUris(taken.application.appId, { web: [REDIRECT_URI, 'http://localhost/'] });
          return true;
        },
        loopbackBrowser: (url) => signInAt(onLoopback(url), USER_UPN, { ca: world.ca.pem }),
      }),
    );
    expect(loopback['exchange.mailbox-access']?.status).toBe('pass');

    const issued = world.delegated.issuedSecrets();
    const refreshTokens = issued.filter((value) => value.startsWith('1.A') && value.length > 100);
    expect(issued.length).toBeGreaterThan(6);
    expect(refreshTokens.length).toBeGreaterThan(0);
    const pasted = people.flatMap((person) => person.pasted);
    const received = people.flatMap((person) => person.loopbackVisits);
    expect(pasted.length).toBeGreaterThanOrEqual(3);
    expect(received).toHaveLength(1);
    const all = [...secrets, ...issued, ...pasted, ...received];

    expect(leaksIn(rendered(results), all)).toEqual([]);
    expect(leaksIn(people.flatMap((person) => person.shown).join('\n'), all)).toEqual([]);
    // Nothing secret was ever put in a summary, evidence or remediation: no redaction was needed there.
    expect(JSON.stringify(results.map((result) => ({ ...result, trace: [] })))).not.toContain('[redacted]');
    // The token requests are in --trace, their bodies (code, verifier, secret) are not.
    const trace = results.flatMap((result) => result.trace.map((entry) => entry.text)).join('\n');
    expect(trace).toContain('(grant authorization_code, client_id');
    expect(trace).toContain('(grant refresh_token, client_id');
    expect(trace).not.toMatch(/code_verifier|client_secret|refresh_token=/);
  });
});
