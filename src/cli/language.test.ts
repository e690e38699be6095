import { translatorFor } from './language.js';

describe('translatorFor', () => {
  const os = (): string => 'en-US';

  it('gives the operator --lang, else the environment, else the system', () => {
    expect(translatorFor('operator', 'pt-BR', { LANG: 'en_US.UTF-8' }, os).locale).toBe('pt-BR');
    expect(translatorFor('operator', undefined, { LANG: 'pt_BR.UTF-8' }, os).locale).toBe('pt-BR');
    expect(translatorFor('operator', undefined, { LANG: 'C.UTF-8' }, os).locale).toBe('en');
    expect(translatorFor('operator', 'xx', { LANG: 'pt_BR.UTF-8' }, os).locale).toBe('pt-BR');
  });

  it('gives the on-site people --lang, else pt-BR whatever the machine says', () => {
    expect(translatorFor('on-site', undefined, { LANG: 'en_US.UTF-8' }, os).locale).toBe('pt-BR');
    expect(translatorFor('on-site', 'en', { LANG: 'pt_BR.UTF-8' }, os).locale).toBe('en');
  });
});
