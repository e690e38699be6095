import type { common as en } from '../en/common.js';

export const common = {
  'status.pass': 'ok',
  'status.warn': 'aviso',
  'status.fail': 'falha',
  'status.skip': 'pulado',
  'status.error': 'erro',
  'needs.config': 'apenas o arquivo',
  'needs.network': 'acesso de rede aos servidores',
  'needs.credentials': 'as credenciais da conta',
  'needs.admin': 'login de um administrador (--admin)',
  'needs.login': 'login na caixa de correio (--login)',
  'needs.sendTo': 'um destinatário (--send-to)',
  'area.config': 'Configuração',
  'area.dns': 'DNS',
  'area.smtp': 'Envio (SMTP)',
  'area.incoming': 'Recebimento (IMAP/POP3)',
  'area.entra': 'Microsoft Entra ID',
  'area.exchange': 'Exchange Online',
  'area.gmail': 'Gmail / Google Workspace',
  'skip.notApplicable': 'não se aplica a esta conta',
  'skip.dependency': 'pulado porque {dependency} não passou ({status})',
  'skip.interrupted': 'não executado: a execução foi interrompida',
  'error.unexpected':
    'esta verificação falhou inesperadamente ({message}); isto é um defeito do tactium-preflight, não um problema da sua configuração — por favor, reporte',
  'error.budget':
    'esta verificação não terminou dentro do tempo máximo de {seconds} s; isto é um defeito do tactium-preflight, não um problema da sua configuração — por favor, reporte',
  'evidence.error': 'erro',
  'evidence.stack': 'pilha',
} as const satisfies Record<keyof typeof en, string>;
