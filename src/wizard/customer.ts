import type { Translator } from '../i18n/index.js';
import type { Prompter } from './prompts.js';

/**
 * The customer's name for a new file (`customer:`), which the handoff sheet opens with; an empty answer
 * leaves the key out (the sheet then names the file).
 */
export async function askCustomer(prompter: Prompter, t: Translator): Promise<string | undefined> {
  const answer = await prompter.input({
    message: `${t.t('wizard.customer.question')} ${t.t('wizard.optional')}:`,
    validate: (value) => (value.trim().length <= 200 ? true : t.t('wizard.customer.tooLong')),
  });
  return answer.trim() || undefined;
}
