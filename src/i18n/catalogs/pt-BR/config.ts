import type { config as en } from '../en/config.js';

export const config = {
  'config.secrets-inline.title': 'Nenhum segredo está escrito no arquivo',
  'config.secretsInline.pass': 'todos os segredos são referências ${env:…} ou ${file:…}',
  'config.secretsInline.warn': 'há um segredo escrito no próprio arquivo ({keys}): quem vê o arquivo vê o segredo',
  'config.secretsInline.fix.replace': 'No arquivo, troque o valor de {key} por uma referência à variável de ambiente {name}:',
  'config.secretsInline.fix.powershell': 'Windows PowerShell: defina {name} para esta janela (troque … pelo valor):',
  'config.secretsInline.fix.setx': 'Windows: ou guarde {name} para todas as janelas novas (o setx não altera a janela atual; abra um novo terminal depois):',
  'config.secretsInline.fix.posix':
    'Linux e macOS: defina {name} para este terminal (acrescente a linha ao ~/.profile, ou ao ambiente do serviço, para mantê-la):',
  'config.secretsInline.fix.file': 'Ou guarde só o valor num arquivo ao lado da configuração ({file}, legível só por você) e faça referência a ele:',
  'config.secretsInline.rotate.clientSecret':
    'Se o arquivo foi versionado num repositório ou compartilhado (e-mail, chat, chamado), considere o segredo exposto: Centro de administração do Entra › Registros de aplicativo › o aplicativo › Certificados e segredos › Novo segredo do cliente; coloque o novo Valor na variável, atualize-o na Tactium e exclua o segredo antigo.',
  'config.secretsInline.rotate.password':
    'Se o arquivo foi versionado num repositório ou compartilhado (e-mail, chat, chamado), considere a senha exposta e troque-a (senha de app do Gmail: revogue-a em https://myaccount.google.com/apppasswords e crie outra); depois atualize-a na Tactium.',
  'config.secretsInline.rotate.refreshToken':
    'Se o arquivo foi versionado num repositório ou compartilhado (e-mail, chat, chamado), considere o refresh token exposto: remova o acesso do app em https://myaccount.google.com/permissions e autorize de novo para obter outro.',
  'config.secretsInline.rotate.accessToken':
    'Se o arquivo foi versionado num repositório ou compartilhado, o token de acesso ficou exposto até expirar (em geral em até uma hora): não o reutilize; obtenha outro ao testar de novo.',

  'config.smtp-port.title': 'A porta e a criptografia de envio podem funcionar',
  'config.smtpPort.pass': 'porta {port} com {security} é uma combinação que funciona',
  'config.smtpPort.passNonStandard': 'a porta {port} não é uma porta padrão de envio; confirme que o servidor realmente atende nela com {security}',
  'config.smtpPort.office365ImplicitTls':
    'o Office 365 não aceita envio na porta {port} com segurança {security}: segundo a Microsoft, um dispositivo que usa a porta 465 (TLS implícito) não é compatível com o envio por SMTP AUTH; deve ser a porta 587 com STARTTLS',
  'config.smtpPort.implicitPortWithoutTls':
    'a porta {port} fala TLS desde o primeiro byte, então a segurança {security} não funciona: o cliente ficaria esperando uma saudação em texto puro que nunca chega',
  'config.smtpPort.plaintextPortWithTls':
    'a porta {port} começa em texto puro e passa para TLS com STARTTLS, então a segurança tls não funciona: o cliente iniciaria o handshake TLS e receberia a saudação em texto puro do servidor',
  'config.smtpPort.noTlsProvider': 'com segurança none o login e a senha iriam em texto puro, e o {provider} recusa o login sem TLS',
  'config.smtpPort.noTls': 'com segurança none o login e a senha trafegam em texto puro pela rede',
  'config.smtpPort.port25':
    'a porta 25 é para entrega entre servidores, não para um cliente que envia e-mail, e costuma ser bloqueada na saída pelos provedores de acesso (no Brasil, pela Gerência de Porta 25 do CGI.br)',
  'config.smtpPort.undocumentedPort': 'o {provider} não documenta a porta {port} para envio (documentadas: {documented}); a conexão provavelmente vai falhar',
  'config.smtpPort.fix.keepPort': 'Mantenha a porta e use a segurança {security}:',
  'config.smtpPort.fix.useTls': 'Use uma conexão criptografada se o servidor oferecer (a maioria oferece: STARTTLS na 587 ou TLS implícito na 465):',
  'config.smtpPort.fix.port587': 'Use a porta de submissão 587 com STARTTLS, se o provedor oferecer (Office 365 e Gmail oferecem):',
  'config.smtpPort.fix.port25Source': 'Por que a porta 25 é bloqueada nas redes de acesso brasileiras (CGI.br, antispam.br):',
  'config.smtpPort.fix.office365': 'O Office 365 só recebe o envio na porta 587 com STARTTLS; no arquivo, escreva:',
  'config.smtpPort.fix.office365Source': 'Página da Microsoft com as configurações aceitas:',
  'config.smtpPort.fix.tactium': 'Altere o mesmo nas configurações de e-mail da Tactium: servidor de saída {host}, porta {port}, criptografia {security}.',

  'config.incoming-port.title': 'O protocolo, a porta e a criptografia de recebimento podem funcionar',
  'config.incomingPort.pass': '{protocol} na porta {port} com {security} é uma combinação que funciona',
  'config.incomingPort.passNonStandard': 'a porta {port} não é a porta padrão do {protocol}; confirme que o servidor realmente atende nela com {security}',
  'config.incomingPort.protocolMismatch': 'a porta {port} é a do {otherProtocol}, mas o protocolo é {protocol}: o servidor responderia no outro protocolo',
  'config.incomingPort.implicitPortWithoutTls':
    'a porta {port} fala TLS desde o primeiro byte, então a segurança {security} não funciona: o cliente ficaria esperando uma saudação em texto puro que nunca chega',
  'config.incomingPort.plainPortWithTls':
    'a porta {port} começa em texto puro (e passa para TLS com STARTTLS), então a segurança tls não funciona; o {protocol} com TLS implícito usa a porta {implicitPort}',
  'config.incomingPort.noTlsProvider': 'com segurança none o login iria em texto puro, e o {provider} só aceita conexões com TLS',
  'config.incomingPort.noTls': 'com segurança none o login e a senha do {protocol} trafegam em texto puro pela rede',
  'config.incomingPort.providerRequiresTls': 'o {provider} só aceita {protocol} na porta {port} com TLS implícito (security tls)',
  'config.incomingPort.fix.port': 'O {protocol} usa a porta {port} para esta segurança; no arquivo, escreva:',
  'config.incomingPort.fix.security': 'Mantenha a porta e use a segurança {security}:',
  'config.incomingPort.fix.implicitPort': 'Use a porta de TLS implícito {port} (ou mantenha a porta com security starttls, se o servidor oferecer STARTTLS):',
  'config.incomingPort.fix.provider': 'Configuração do {provider}; no arquivo, escreva:',
  'config.incomingPort.fix.tactium':
    'Altere o mesmo nas configurações de e-mail da Tactium: servidor {protocol} {host}, porta {port}, criptografia {security}.',

  'config.secret-id-as-secret.title': 'O segredo do cliente é o valor do segredo, não o seu ID',
  'config.secretIdAsSecret.notApplicable': 'nenhum segredo do cliente configurado',
  'config.secretIdAsSecret.pass': 'o segredo do cliente não tem formato de ID',
  'config.secretIdAsSecret.equalsSecretId': 'auth.clientSecret tem o mesmo valor que auth.secretId: isso é o ID do segredo, não o valor do segredo',
  'config.secretIdAsSecret.equalsOtherId': 'auth.clientSecret tem o mesmo valor que {key}: um ID, não o valor do segredo',
  'config.secretIdAsSecret.guidShaped': 'auth.clientSecret tem formato de GUID: isso é o ID do segredo (ou outro ID), não o valor do segredo',
  'config.secretIdAsSecret.fix.portal':
    'Centro de administração do Entra › Registros de aplicativo › {app} › Certificados e segredos › Segredos do cliente: o segredo está na coluna “Valor”, não em “ID do segredo”.',
  'config.secretIdAsSecret.fix.onlyOnce':
    'O Valor só é mostrado uma vez, logo depois de criar o segredo; depois o portal o oculta. Crie um novo (Novo segredo do cliente) e copie o Valor na hora.',
  'config.secretIdAsSecret.fix.env': 'Coloque o novo Valor na variável de ambiente {name}, e o mesmo valor nas configurações de e-mail da Tactium.',
  'config.secretIdAsSecret.fix.file': 'Coloque o novo Valor no arquivo {file}, e o mesmo valor nas configurações de e-mail da Tactium.',
  'config.secretIdAsSecret.fix.secretId':
    'Escreva o ID do novo segredo em auth.secretId, para que a ferramenta acompanhe a validade; exclua o segredo antigo se nada mais o usar.',

  'config.basic-auth.title': 'O Office 365 aceita esta forma de login',
  'config.basicAuth.notApplicable': 'vale só para contas Office 365 com method: password',
  'config.basicAuth.failSmtpSoon':
    'o Exchange Online não aceita mais senha no {protocol} (autenticação básica desligada desde {incomingDate}), e o SMTP AUTH com senha será desligado por padrão em {smtpDate}: use OAuth 2.0',
  'config.basicAuth.failSmtpOff':
    'o Exchange Online não aceita mais senha no {protocol} (autenticação básica desligada desde {incomingDate}), e o SMTP AUTH com senha está desligado por padrão desde {smtpDate}: use OAuth 2.0',
  'config.basicAuth.fix.oauth': 'Passe a conta para OAuth 2.0, com flow application ou delegated; por exemplo:',
  'config.basicAuth.fix.application':
    'flow: application (a Tactium lê e envia como aplicativo, sem login de usuário): registre um aplicativo (Centro de administração do Entra › Registros de aplicativo › Novo registro) com um segredo do cliente; adicione as permissões de aplicativo {role} e SMTP.SendAsApp do Office 365 Exchange Online e conceda o consentimento do administrador; depois, no PowerShell do Exchange Online, registre a entidade de serviço (New-ServicePrincipal) e dê a ela acesso à caixa de correio (Add-MailboxPermission -AccessRights FullAccess).',
  'config.basicAuth.fix.delegated':
    'flow: delegated (um usuário faz login uma vez): registre um aplicativo com um URI de redirecionamento Web (o callback da Tactium) e um segredo do cliente; adicione as permissões delegadas {scope}, SMTP.Send e offline_access; conceda o consentimento.',
  'config.basicAuth.fix.smtpSoon':
    'O envio com senha (SMTP AUTH básico) ainda funciona até {smtpDate}, se o locatário permitir; depois fica desligado por padrão, e um administrador teria de religá-lo — o OAuth evita isso.',
  'config.basicAuth.fix.smtpOff':
    'O envio com senha (SMTP AUTH básico) está desligado por padrão desde {smtpDate}; só a resposta do próprio servidor deste locatário diz se um administrador o religou — o OAuth evita isso.',
  'config.basicAuth.fix.guide': 'Guia da Microsoft sobre OAuth para IMAP, POP e SMTP:',

  'config.evidence.setting': 'configuração (no arquivo)',
  'config.evidence.settingDefault': 'configuração (padrão, não está no arquivo)',
  'config.evidence.inlineSecret': 'segredo escrito no arquivo',
  'config.evidence.clientSecret': 'segredo do cliente',
  'config.evidence.sameAs': 'mesmo valor que',
  'config.evidence.secretShape': 'formato do valor',
  'config.evidence.incoming': 'servidor de recebimento',
  'config.evidence.basicAuthOffSince': 'autenticação básica IMAP/POP desligada desde',
  'config.evidence.smtpBasicAuthDefaultOff': 'autenticação básica do SMTP AUTH desligada por padrão a partir de',
  'config.evidence.source': 'fonte',

  'config.incomingPort.fix.keepPortStarttls': 'Mantenha a porta {port} e criptografe-a com {command}, se o servidor oferecer:',
  'config.incomingPort.fix.orImplicitTls': 'Ou use TLS implícito na porta {implicitPort}:',
} as const satisfies Record<keyof typeof en, string>;
