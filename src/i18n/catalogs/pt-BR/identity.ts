import type { identity as en } from '../en/identity.js';

export const identity = {
  'identity.noTokenSource':
    'nenhum token de acesso disponível para esta conta: defina auth.accessToken ou use um login que a ferramenta suporte para este provedor',
} as const satisfies Record<keyof typeof en, string>;
