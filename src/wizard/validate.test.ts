import { describe, expect, it } from '@jest/globals';
import {
  hostFromPasted,
  looksLikeSecret,
  parsePortalDate,
  validatePortForSecurity,
  validateAccountName,
  validateClientSecretValue,
  validateDate,
  validateEmail,
  validateEnvName,
  validateGoogleClientId,
  validateGuid,
  validateHost,
  validateObjectId,
  validateOfficeClientId,
  validatePort,
  validateRedirectUri,
  validateSecretFilePath,
  validateSecretId,
  validateTenant,
} from './validate.js';

const APP = '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const OBJECT = '9a0e5f7c-3b2d-4c1e-8f6a-0b9c8d7e6f5a';
const SECRET_ID = '3b7d9e1f-2a4c-4b6d-8e0f-1a3c5e7b9d2f';
const keyOf = (verdict: unknown) => (verdict === true ? true : (verdict as { key: string }).key);

describe('wizard validators', () => {
  it('accept a GUID in either case and refuse anything else, saying what a GUID looks like', () => {
    expect(validateGuid(APP.toUpperCase())).toBe(true);
    expect(keyOf(validateGuid('6f1c2b3a-0d4e-4f5a-8b6c'))).toBe('wizard.invalid.guid');
    expect(keyOf(validateGuid('{6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c}'))).toBe('wizard.invalid.guid');
    expect(validateGuid('', { optional: true })).toBe(true);
  });

  it('take a tenant as a GUID or a verified domain, and say so for a URL', () => {
    expect(validateTenant(APP)).toBe(true);
    expect(validateTenant('contoso.onmicrosoft.com')).toBe(true);
    expect(keyOf(validateTenant('https://login.microsoftonline.com/contoso'))).toBe('wizard.invalid.tenantUrl');
    expect(keyOf(validateTenant('contoso'))).toBe('wizard.invalid.tenant');
  });

  it('tell a Google client ID typed for Office 365, and an Azure GUID typed for Gmail', () => {
    const google = '123456789012-abcdef.apps.googleusercontent.com';
    expect(keyOf(validateOfficeClientId(google))).toBe('wizard.invalid.clientIdGoogle');
    expect(validateOfficeClientId(APP)).toBe(true);
    expect(keyOf(validateGoogleClientId(APP))).toBe('wizard.invalid.clientIdAzure');
    expect(validateGoogleClientId(google)).toBe(true);
    expect(keyOf(validateGoogleClientId('my-client'))).toBe('wizard.invalid.googleClientId');
  });

  it('refuse the Application ID as the Object ID (any case), and accept a different GUID or nothing', () => {
    expect(keyOf(validateObjectId(APP.toUpperCase(), APP))).toBe('wizard.invalid.objectIdIsClientId');
    expect(validateObjectId(OBJECT, APP)).toBe(true);
    expect(validateObjectId('', APP)).toBe(true);
  });

  it('recognise the secret VALUE pasted as the Secret ID, and the other IDs pasted there', () => {
    expect(keyOf(validateSecretId('abc8Q~K1mN2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hI', {}))).toBe('wizard.invalid.secretIdIsValue');
    expect(keyOf(validateSecretId('K1mN2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hIjKlM', {}))).toBe('wizard.invalid.secretIdIsValue');
    expect(keyOf(validateSecretId('not-a-guid', {}))).toBe('wizard.invalid.guid');
    expect(keyOf(validateSecretId(APP, { clientId: APP }))).toBe('wizard.invalid.secretIdIsClientId');
    expect(keyOf(validateSecretId(OBJECT, { clientId: APP, objectId: OBJECT }))).toBe('wizard.invalid.secretIdIsObjectId');
    expect(validateSecretId(SECRET_ID, { clientId: APP, objectId: OBJECT })).toBe(true);
  });

  it('refuse a GUID typed as the client secret, with or without spaces around it', () => {
    expect(keyOf(validateClientSecretValue(SECRET_ID, {}))).toBe('wizard.invalid.secretIsGuid');
    expect(keyOf(validateClientSecretValue(` ${SECRET_ID} `, {}))).toBe('wizard.invalid.secretIsGuid');
    expect(keyOf(validateClientSecretValue('', {}))).toBe('wizard.invalid.empty');
    expect(validateClientSecretValue('abc8Q~K1mN2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hI', { secretId: SECRET_ID })).toBe(true);
  });

  it('never repeat the typed value in a message (it may be a secret in the wrong field)', () => {
    const typed = 'abc8Q~K1mN2pQ3rS4tU5vW6xY7zA8bC9dE0fG1hI';
    for (const verdict of [
      validateSecretId(typed, {}),
      validateGuid(typed),
      validateTenant(typed),
      validateObjectId(typed, APP),
      validateEmail(typed),
      validatePort(typed),
    ]) {
      expect(JSON.stringify(verdict)).not.toContain(typed);
    }
  });

  it('take a host name only, suggesting the host when a URL or host:port is typed', () => {
    expect(validateHost('outlook.office365.com')).toBe(true);
    expect(validateHost('127.0.0.1')).toBe(true);
    expect(validateHost('localhost')).toBe(true);
    expect(validateHost('imaps://outlook.office365.com:993')).toEqual({ key: 'wizard.invalid.hostOnly', params: { host: 'outlook.office365.com' } });
    expect(validateHost('smtp.office365.com:587')).toEqual({ key: 'wizard.invalid.hostOnly', params: { host: 'smtp.office365.com' } });
    expect(keyOf(validateHost('not a host'))).toBe('wizard.invalid.host');
    expect(keyOf(validateHost(''))).toBe('wizard.invalid.empty');
  });

  it('take ports 1 to 65535 as digits only', () => {
    for (const good of ['1', '587', '65535']) expect(validatePort(good)).toBe(true);
    for (const bad of ['0', '65536', '99999', '-1', '5 87', '587.0', 'abc', '']) expect([bad, keyOf(validatePort(bad))]).toEqual([bad, 'wizard.invalid.port']);
  });

  it('take e-mail addresses, dates that exist, redirect URIs of the two allowed forms', () => {
    expect(validateEmail('atendimento@contoso.com.br')).toBe(true);
    expect(keyOf(validateEmail('atendimento'))).toBe('wizard.invalid.email');
    expect(validateEmail('', { optional: true })).toBe(true);
    expect(validateDate('2028-02-29')).toBe(true);
    expect(keyOf(validateDate('2027-02-29'))).toBe('wizard.invalid.date');
    expect(keyOf(validateDate('31/05/2027'))).toBe('wizard.invalid.date');
    expect(validateRedirectUri('https://crm.example.com/oauth/callback')).toBe(true);
    expect(validateRedirectUri('http://localhost:8400')).toBe(true);
    expect(keyOf(validateRedirectUri('http://crm.example.com/cb'))).toBe('wizard.invalid.redirectUri');
    expect(keyOf(validateRedirectUri('crm.example.com'))).toBe('wizard.invalid.redirectUri');
    expect(keyOf(validateRedirectUri('https://crm@crm.example.com/oauth/callback'))).toBe('wizard.invalid.redirectUri');
  });

  it('take variable names every shell accepts, file paths a reference can hold, and unique account names', () => {
    expect(validateEnvName('TACTIUM_CLIENT_SECRET')).toBe(true);
    for (const bad of ['1SECRET', 'MY-SECRET', 'A B', '${env:X}', '']) expect([bad, keyOf(validateEnvName(bad))]).toEqual([bad, 'wizard.invalid.envName']);
    expect(validateSecretFilePath('segredos/atendimento.txt')).toBe(true);
    expect(keyOf(validateSecretFilePath('a}b'))).toBe('wizard.invalid.filePath');
    expect(keyOf(validateAccountName('Vendas', ['vendas']))).toBe('wizard.invalid.nameTaken');
    expect(validateAccountName('suporte', ['vendas'])).toBe(true);
  });
});

describe('what a technician types on site', () => {
  it('reads the portal date by the language: day first in pt-BR, month first in English, ISO in both', () => {
    expect(parsePortalDate('31/05/2027', 'pt-BR')).toBe('2027-05-31');
    expect(parsePortalDate('31/05/2027 14:03:10', 'pt-BR')).toBe('2027-05-31');
    expect(parsePortalDate('5/31/2027', 'en')).toBe('2027-05-31');
    expect(parsePortalDate('5/31/2027, 2:03 PM', 'en')).toBe('2027-05-31');
    expect(parsePortalDate('2027-05-31', 'en')).toBe('2027-05-31');
    expect(parsePortalDate('2027-05-31', 'pt-BR')).toBe('2027-05-31');
    // 05/06 is 5 June in Brazil and May 6 in the US.
    expect(parsePortalDate('05/06/2027', 'pt-BR')).toBe('2027-06-05');
    expect(parsePortalDate('05/06/2027', 'en')).toBe('2027-05-06');
    expect(parsePortalDate('31/05/2027', 'en')).toBeUndefined();
    expect(parsePortalDate('30/02/2027', 'pt-BR')).toBeUndefined();
    expect(parsePortalDate('amanhã', 'pt-BR')).toBeUndefined();
    expect(validateDate('31/05/2027', { locale: 'pt-BR' })).toBe(true);
    expect(keyOf(validateDate('31/05/2027', { locale: 'en' }))).toBe('wizard.invalid.datePortalEn');
  });

  it('refuses a port that cannot work with the security chosen', () => {
    expect(keyOf(validatePortForSecurity('465', 'starttls'))).toBe('wizard.invalid.portNeedsTls');
    expect(keyOf(validatePortForSecurity('993', 'starttls'))).toBe('wizard.invalid.portNeedsTls');
    expect(keyOf(validatePortForSecurity('995', 'none'))).toBe('wizard.invalid.portNeedsTls');
    expect(keyOf(validatePortForSecurity('587', 'tls'))).toBe('wizard.invalid.portIsPlainFirst');
    expect(keyOf(validatePortForSecurity('143', 'tls'))).toBe('wizard.invalid.portIsPlainFirst');
    expect(validatePortForSecurity('587', 'starttls')).toBe(true);
    expect(validatePortForSecurity('465', 'tls')).toBe(true);
    expect(validatePortForSecurity('2525', 'tls')).toBe(true);
    expect(keyOf(validatePortForSecurity('70000', 'tls'))).toBe('wizard.invalid.port');
  });

  it('reduces a pasted URL to its host and port', () => {
    expect(hostFromPasted('imaps://outlook.office365.com:993')).toEqual({ host: 'outlook.office365.com', port: 993 });
    expect(hostFromPasted('https://mail.example.com/owa')).toEqual({ host: 'mail.example.com' });
    expect(hostFromPasted('smtp.office365.com:587')).toEqual({ host: 'smtp.office365.com', port: 587 });
    expect(hostFromPasted('smtp.office365.com')).toBeUndefined();
    expect(hostFromPasted('https://user:pw@mail.example.com')).toBeUndefined();
    expect(hostFromPasted('not a host')).toBeUndefined();
  });

  it('knows a secret value typed where no secret belongs, and leaves ordinary answers alone', () => {
    for (const secret of [
      'Xy78Q~abcdefghijklmnopqrstuvwxyz0123456789',
      'GOCSPX-abcdefghijklmnopqrstuv',
      '1//0gabcdefghijklmnopqrstuvwxyz',
      'ya29.a0AfH6SMBabcdefghijklmnop',
      'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2ln',
      'abcd efgh ijkl mnop',
      'imaps://joao:S3nha@mail.example.com:993',
      'https://:token@mail.example.com/',
    ])
      expect(looksLikeSecret(secret)).toBe(true);
    for (const ordinary of [
      'atendimento',
      'atendimento@contoso.com.br',
      'outlook.office365.com',
      '6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
      '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com',
      'https://crm.example.com/oauth/callback',
      'imaps://mail.example.com:993',
      'https://user@mail.example.com/',
      '~/secrets/tactium.txt',
      '31/05/2027',
      'TACTIUM_CLIENT_SECRET',
    ])
      expect(looksLikeSecret(ordinary)).toBe(false);
    expect(looksLikeSecret('short-known-one', (value) => value === 'short-known-one')).toBe(true);
  });
});
