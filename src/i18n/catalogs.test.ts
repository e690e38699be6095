import { describe, expect, it } from '@jest/globals';
import { catalogKeys, msg, normaliseLocale, resolveLocale, translate } from './index.js';
import type { MessageKey, Placeholders } from '../core/message.js';
import { en } from './catalogs/en/index.js';
import { ptBR } from './catalogs/pt-BR/index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('catalogues', () => {
  it('have exactly the same keys in pt-BR and en', () => {
    expect(catalogKeys('pt-BR').sort()).toEqual(catalogKeys('en').sort());
  });

  it('have no empty message in either language', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ptBR)]) expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as MessageKey[]) expect([key, placeholders(ptBR[key])]).toEqual([key, placeholders(en[key])]);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'skip.dependency', { dependency: 'smtp.tls', status: 'fail' })).toBe('skipped because smtp.tls did not pass (fail)');
    // The types reject a missing parameter; the runtime still leaves it visible rather than guessing.
    // @ts-expect-error -- 'status' is missing on purpose
    expect(translate('pt-BR', 'skip.dependency', { dependency: 'smtp.tls' })).toContain('{status}');
  });
});

describe('typed parameters', () => {
  it('read the placeholders the runtime fills, and no {env:NAME} literal', () => {
    const names: Placeholders<'a {x} b {y_2} {env:NAME} {file:…} {a {z}'>[] = ['x', 'y_2', 'z'];
    // @ts-expect-error -- {env:NAME} is literal text, not a placeholder
    const literal: Placeholders<'${env:NAME}'> = 'env:NAME';
    expect([names, literal]).toEqual([['x', 'y_2', 'z'], 'env:NAME']);
    expect(translate('en', 'configfile.type.secret')).toContain('${env:NAME}');
  });

  it('make msg take exactly the placeholders of the English string', () => {
    expect(msg('skip.dependency', { dependency: 'smtp.tls', status: 'fail' })).toEqual({
      key: 'skip.dependency',
      params: { dependency: 'smtp.tls', status: 'fail' },
    });
    expect(msg('smtp.connect.title')).toEqual({ key: 'smtp.connect.title' });
    // @ts-expect-error -- a placeholder left unfilled
    expect(msg('skip.dependency', { dependency: 'smtp.tls' })).toBeDefined();
    // @ts-expect-error -- a parameter the string does not show
    expect(msg('skip.dependency', { dependency: 'smtp.tls', status: 'fail', host: 'x' })).toBeDefined();
    // @ts-expect-error -- no parameters at all
    expect(msg('skip.dependency')).toBeDefined();
    // @ts-expect-error -- a key without placeholders takes none
    expect(msg('smtp.connect.title', { host: 'x' })).toBeDefined();
  });
});

describe('resolveLocale', () => {
  it('prefers --lang, then LC_ALL, LC_MESSAGES, LANG, then the system locale', () => {
    expect(resolveLocale('en', { LANG: 'pt_BR.UTF-8' }, () => 'pt-BR')).toBe('en');
    expect(resolveLocale(undefined, { LC_ALL: 'pt_BR.UTF-8', LANG: 'en_US' }, () => 'en-US')).toBe('pt-BR');
    expect(resolveLocale(undefined, { LC_MESSAGES: 'en_GB', LANG: 'pt_BR' }, () => 'pt-BR')).toBe('en');
    expect(resolveLocale(undefined, { LANG: 'pt_PT.UTF-8' }, () => 'en-US')).toBe('pt-BR');
  });

  it('uses the operating system locale when no variable is set, as on a Brazilian Windows machine', () => {
    expect(resolveLocale(undefined, {}, () => 'pt-BR')).toBe('pt-BR');
    expect(resolveLocale(undefined, { LANG: 'C.UTF-8' }, () => 'pt-BR')).toBe('pt-BR');
    expect(resolveLocale(undefined, {}, () => 'de-DE')).toBe('en');
  });

  it('maps any pt* to pt-BR and anything else to en', () => {
    expect(normaliseLocale('PT')).toBe('pt-BR');
    expect(normaliseLocale('es-ES')).toBe('en');
  });
});
