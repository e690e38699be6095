import type { smtp as en } from '../en/smtp.js';

export const smtp = {
  'smtp.connect.title': 'O servidor de envio (SMTP) responde',
  'smtp.tls.title': 'O envio é criptografado com um certificado válido',
  'smtp.auth.title': 'A caixa faz login para enviar (SMTP AUTH)',
  'smtp.send.title': 'O servidor aceita este remetente e um destinatário',

  'smtp.evidence.greeting': 'saudação',
  'smtp.evidence.ehlo': 'recursos anunciados no EHLO',
  'smtp.evidence.ehloAfterTls': 'recursos anunciados no EHLO após o TLS',
  'smtp.evidence.tlsMode': 'modo do TLS',
  'smtp.evidence.authMechanisms': 'mecanismos de AUTH oferecidos',
  'smtp.evidence.mechanism': 'mecanismo usado',
  'smtp.evidence.username': 'nome de login',
  'smtp.evidence.tokenOrigin': 'token obtido de',
  'smtp.evidence.challenge': 'explicação do servidor (SASL)',
  'smtp.evidence.mailFrom': 'resposta ao MAIL FROM',
  'smtp.evidence.rcptTo': 'resposta ao RCPT TO',
  'smtp.evidence.reset': 'resposta ao RSET',
  'smtp.evidence.data': 'resposta à mensagem',
  'smtp.evidence.subject': 'assunto da mensagem de teste',
  'smtp.evidence.recipient': 'destinatário da mensagem de teste',
  'smtp.evidence.queueId': 'id na fila do servidor',

  'smtp.connect.pass': 'Conectado a {host}:{port} ({address}) em {ms} ms; o servidor se apresenta como "{greeting}"',

  'smtp.tls.passStarttls': 'STARTTLS: {version} com {cipher}; o certificado é válido para {host} até {validTo} (faltam {days} dias)',
  'smtp.tls.passImplicit': 'TLS implícito: {version} com {cipher}; o certificado é válido para {host} até {validTo} (faltam {days} dias)',
  'smtp.tls.starttlsNotOffered':
    '{host} não oferece STARTTLS na porta {port}: a conexão não pode ser criptografada, e a senha ou o token trafegariam em texto puro',
  'smtp.tls.starttlsRejected': '{host} anunciou STARTTLS, mas o recusou: "{reply}"',
  'smtp.tls.notEncryptedOffered': 'A conta está configurada com "security: none": a conexão não é criptografada, embora {host} ofereça STARTTLS',
  'smtp.tls.notEncrypted': 'A conta está configurada com "security: none" e {host} não oferece STARTTLS: a senha ou o token trafegam em texto puro',
  'smtp.fix.useStarttls': 'Criptografe a conexão: altere a conta no arquivo para:',
  'smtp.fix.enableStarttls': 'Peça ao administrador de {host} para habilitar o STARTTLS na porta {port}, ou use a porta de TLS implícito do servidor:',

  'smtp.auth.pass': 'Login em {host} como {username} com AUTH {mechanism}',
  'smtp.auth.notOffered': '{host} não oferece nenhum mecanismo de AUTH nesta conexão ({stage}): ele não aceita login aqui',
  'smtp.auth.mechanismUnsupported': '{host} oferece AUTH {offered}, mas esta conta precisa de {needed}',
  'smtp.auth.tokenFailed': 'Não há token de acesso para o SMTP: {reason}',
  'smtp.auth.noPassword': 'A conta não tem senha para fazer login',
  'smtp.auth.disabledTenant': 'O Exchange Online recusa o SMTP AUTH de {username}: ele está desativado para toda a organização',
  'smtp.auth.disabledMailbox': 'O Exchange Online recusa o SMTP AUTH de {username}: ele está desativado para esta caixa de correio',
  'smtp.auth.basicDisabled': 'O servidor não aceita mais senha (autenticação básica) no SMTP para {username}: é preciso usar OAuth',
  'smtp.auth.securityDefaults': 'Os padrões de segurança do Microsoft Entra bloqueiam o login com senha de {username}',
  'smtp.auth.conditionalAccess': 'Uma política de Acesso Condicional bloqueou o login de {username}',
  'smtp.auth.accountLocked': 'A conta {username} está bloqueada',
  'smtp.auth.disabled': 'O Exchange Online recusa o SMTP AUTH de {username} (5.7.139)',
  'smtp.auth.unsuccessfulOauth': 'O Exchange Online rejeitou o token OAuth de {username} (535 5.7.3)',
  'smtp.auth.unsuccessfulPassword': 'O Exchange Online rejeitou o usuário ou a senha de {username} (535 5.7.3)',
  'smtp.auth.gmailAppPassword':
    'O Google exige uma senha de app para {username}: a conta usa a verificação em duas etapas, então a senha normal não serve para login',
  'smtp.auth.gmailBadCredentials': 'O Google não aceitou o usuário e a senha de {username}',
  'smtp.auth.mechanismRejected': 'O servidor não aceita AUTH {mechanism} ({code})',
  'smtp.auth.temporary': 'O servidor não conseguiu verificar o login de {username} agora ({code}); não houve nova tentativa, para evitar bloqueio',
  'smtp.auth.requiresTls': '{host} só aceita login em conexão criptografada ({code}), e a conta está configurada com "security: none"',
  'smtp.auth.rejected': 'O servidor rejeitou o login de {username} ({code})',
  'smtp.auth.onlyOnce': 'O tactium-preflight tenta o login uma única vez, para que uma senha errada não bloqueie a conta',

  'smtp.fix.tokenUnavailable':
    'Forneça um token à verificação: informe auth.accessToken no arquivo, ou rode com o login de que esta conta precisa (veja acima)',
  'smtp.fix.tokenFailed':
    'Corrija primeiro a obtenção do token (as verificações de identidade desta conta mostram por que falhou) e rode a verificação de novo',
  'smtp.fix.connectExchange': 'Conecte-se ao PowerShell do Exchange Online como administrador do Exchange:',
  'smtp.fix.tenantPortal':
    'Centro de administração do Exchange › Configurações › Fluxo de emails › desmarque "Desativar o protocolo SMTP AUTH para sua organização" › Salvar',
  'smtp.fix.tenantCommand': 'Ou ative o SMTP AUTH para a organização:',
  'smtp.fix.preferMailbox': 'Melhor: mantenha desativado na organização e ative só para esta caixa de correio (a configuração da caixa prevalece):',
  'smtp.fix.tenantVerify': 'Confira a configuração da organização:',
  'smtp.fix.mailboxPortal':
    'Centro de administração do Microsoft 365 › Usuários › Usuários ativos › {mailbox} › Email › Gerenciar aplicativos de email › marque "SMTP autenticado" › Salvar alterações',
  'smtp.fix.mailboxCommand': 'Ou ative o SMTP AUTH para esta caixa de correio:',
  'smtp.fix.mailboxVerify': 'Confira a configuração da caixa (vazio significa que segue a organização):',
  'smtp.fix.useOauth': 'Mude esta conta para OAuth (auth.method: oauth2): a Microsoft está descontinuando a autenticação básica no SMTP AUTH',
  'smtp.fix.securityDefaults':
    'Centro de administração do Microsoft Entra › Visão geral › Propriedades › Gerenciar padrões de segurança: os padrões de segurança bloqueiam login com senha; o OAuth funciona com eles ativados',
  'smtp.fix.conditionalAccess':
    'Centro de administração do Microsoft Entra › Proteção › Acesso Condicional › Políticas: encontre a política que bloqueia este login (fluxos de autenticação, autenticação herdada, locais)',
  'smtp.fix.signInLogs':
    'Centro de administração do Microsoft Entra › Monitoramento e integridade › Logs de entrada: abra o login com falha de {username} para ver qual política foi aplicada',
  'smtp.fix.unlockAccount':
    'Peça a um administrador para desbloquear {username} (Centro de administração do Microsoft 365 › Usuários › Usuários ativos) e rode a verificação de novo',
  'smtp.fix.sendAsApp':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {clientId} › Permissões de API › Adicionar uma permissão › APIs que minha organização usa › Office 365 Exchange Online › Permissões de aplicativo › SMTP.SendAsApp › Adicionar, depois Conceder consentimento do administrador',
  'smtp.fix.servicePrincipal':
    'Registre a entidade de serviço do aplicativo no Exchange Online (ID do Objeto do Aplicativo empresarial, não o do Registro de aplicativo):',
  'smtp.fix.mailboxPermission': 'Dê à entidade de serviço acesso à caixa de correio:',
  'smtp.fix.delegatedScope':
    'O token precisa ser emitido para o escopo do Outlook https://outlook.office.com/SMTP.Send (não o do Microsoft Graph) para {username}, ou para um usuário com direitos sobre essa caixa',
  'smtp.fix.checkPassword': 'Confira a senha ({reference}) e o nome de login {username} (auth.username, senão o endereço da caixa)',
  'smtp.fix.gmailTwoStep':
    'Ative a verificação em duas etapas para {username} (Conta do Google › Segurança › Verificação em duas etapas); no Workspace, um administrador precisa permitir antes (admin.google.com › Segurança › Autenticação › Verificação em duas etapas)',
  'smtp.fix.gmailAppPassword': 'Crie uma senha de app e coloque as 16 letras (sem espaços) no arquivo como senha:',
  'smtp.fix.gmailNewAppPassword':
    'Crie uma nova senha de app (trocar a senha da conta revoga as antigas) e use o endereço completo {username} como nome de login:',
  'smtp.fix.mechanism': 'O servidor recusou AUTH {mechanism}: confira se o método da conta (password ou oauth2) é suportado pelo servidor',
  'smtp.fix.retryLater': 'Tente de novo em alguns minutos; se persistir, peça ao administrador de {host} para verificar o serviço de autenticação',
  'smtp.fix.authNotOffered': 'Use a porta de envio do servidor (587 com STARTTLS) e peça ao administrador para permitir envio autenticado nela',
  'smtp.fix.mechanismUnsupported':
    'Peça ao administrador de {host} para habilitar {needed}, ou use o método de autenticação que o servidor oferece ({offered})',

  'smtp.send.passEnvelope': '{host} aceita {mailbox} como remetente e destinatário; o envelope foi descartado (RSET) e nada foi entregue',
  'smtp.send.passSent': 'Uma mensagem de teste para {recipient} foi aceita por {host} (id na fila {queueId}); assunto "{subject}"',
  'smtp.send.notAuthenticated': '{host} se recusa a enviar sem login ({code}): a sessão não está autenticada',
  'smtp.send.sendAsDenied': '{username} não tem permissão para enviar como {mailbox} ({code})',
  'smtp.send.throttled': 'O Exchange Online está limitando {mailbox} após erros contínuos ({code})',
  'smtp.send.basicDisabled': 'O servidor não aceita mais mensagens de um login com senha (autenticação básica) ({code})',
  'smtp.send.senderRejected': '{host} recusa {mailbox} como remetente ({code})',
  'smtp.send.recipientRejected': '{host} recusa {recipient} como destinatário ({code})',
  'smtp.send.messageRejected': '{host} recusou a mensagem de teste ({code})',
  'smtp.send.temporary': '{host} respondeu com uma falha temporária ({code}); tente de novo mais tarde',
  'smtp.send.unexpected': '{host} respondeu "{reply}" ao {stage}',

  'smtp.fix.sendAs': 'Dê a {username} o direito de enviar como {mailbox}:',
  'smtp.fix.sendAsServicePrincipal': 'Dê à entidade de serviço do aplicativo o direito de enviar como {mailbox}:',
  'smtp.fix.throttling': 'Corrija o que continua falhando (remetente errado, destinatários inválidos, licença) e aguarde o bloqueio expirar; veja:',
  'smtp.fix.checkSender': 'Confira se o endereço {mailbox} existe neste servidor e se {username} pode usá-lo',
  'smtp.fix.checkRecipient': 'Confira o endereço informado em --send-to ({recipient})',
  'smtp.fix.authenticateFirst': 'Confira se o login funciona (smtp.auth) e se o SMTP AUTH está ativado para a caixa de correio',

  'smtp.fix.authTemporary':
    '{host} não conseguiu concluir o login agora. Espere alguns minutos e, antes de outra tentativa, confirme a senha ou o token e o nome de login {username}: uma resposta temporária pode esconder um login que falhou, e falhas repetidas podem bloquear a conta. Se persistir, peça ao administrador de {host} para verificar o serviço de autenticação',
  'smtp.connect.passTlsOnly': 'Conectado a {host}:{port} ({address}) em {ms} ms; a conexão foi fechada após a negociação TLS, veja smtp.tls',

  'smtp.fix.authNotOfferedExchangeOnline':
    'O Exchange Online aceita logins só em smtp.office365.com, porta 587 com STARTTLS (o host MX *.mail.protection.outlook.com nunca oferece AUTH); o "SMTP autenticado" também precisa estar ativo para {mailbox}',
  'smtp.fix.authNotOfferedExchangeServer':
    'O Exchange Server oferece AUTH a clientes de e-mail no conector de recebimento "Client Frontend" (porta 587, depois do STARTTLS); a porta 25 ("Default Frontend") é para outros servidores de e-mail. Para ver qual conector escuta em cada porta e o que oferece, no Exchange Management Shell:',
} as const satisfies Record<keyof typeof en, string>;
