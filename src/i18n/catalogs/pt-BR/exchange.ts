import type { exchange as en } from '../en/exchange.js';

export const exchange = {
  'exchange.mailbox-access.title': 'A caixa de correio abre com o token do Office 365 (XOAUTH2, comando só de leitura, envelope)',
  'exchange.access.passApplication': 'o aplicativo {app} (aplicativo empresarial {oid}) abriu {mailbox} por {protocols} com o próprio token',
  'exchange.access.passDelegated': '{upn} entrou ({via}) e abriu {mailbox} por {protocols}',
  'exchange.access.passDelegatedShared':
    '{upn} entrou ({via}) e abriu {mailbox} por {protocols}: é a caixa de outra pessoa (compartilhada), acessada porque {upn} tem FullAccess nela',
  'exchange.access.noRefreshToken':
    '{mailbox} abre, mas nenhum token de atualização foi emitido: o CRM não conseguiria continuar conectado depois que o primeiro token expirar (offline_access)',
  'exchange.access.refreshRefused':
    '{mailbox} abre, mas o Entra recusou o token de atualização: o CRM não conseguiria continuar conectado depois que o primeiro token expirar',
  'exchange.access.notReached': 'não deu para testar o acesso à caixa ({what}): as verificações de e-mail dizem por que {mailbox} não foi alcançada',
  'exchange.access.audience': 'o token é para {aud}, não para o Exchange Online: {protocols} não podem aceitá-lo',
  'exchange.access.expired': 'o token expirou em {expired}, antes de chegar aos servidores de e-mail',
  'exchange.access.rolesNone':
    '{protocols} recusaram o aplicativo para {mailbox}, e o token dele não traz nenhuma função (roles): {roles} não receberam consentimento do administrador, ou o aplicativo depende de uma atribuição de função no Exchange que está faltando (o servidor disse: {said})',
  'exchange.access.roleMissing': 'o aplicativo não consegue abrir {mailbox}: falta {missing} no token (o servidor disse: {said})',
  'exchange.access.objectIdMismatch':
    '{protocols} recusaram o aplicativo para {mailbox}. O token tem as funções certas, mas o ID do Objeto que vocês enviaram ({sent}) não é o do aplicativo empresarial ({oid}): a entidade de serviço do Exchange muito provavelmente foi registrada com o ID errado (o servidor disse: {said})',
  'exchange.access.denied':
    '{protocols} recusaram o aplicativo para {mailbox}, embora o token traga {roles} e o ID do Objeto ({oid}) seja o certo: o que sobra está do lado do Exchange, em ordem abaixo (o servidor disse: {said})',
  'exchange.access.notConnected':
    '{protocol} aceitou o token do aplicativo (entidade de serviço {oid}), mas não abriu {mailbox} (“User is authenticated but not connected”): o aplicativo não tem acesso a esta caixa',
  'exchange.access.protocolDisabled': '{protocol} está desativado para {mailbox} (o servidor disse: {said})',
  'exchange.access.smtpAuthDisabled':
    'o SMTP AUTH está desativado para {mailbox} (ou para a organização inteira): nenhum login XOAUTH2 consegue enviar (o servidor disse: {said})',
  'exchange.access.sendAs':
    'o SMTP aceitou o login do aplicativo, mas o aplicativo não pode enviar como {mailbox} (entidade de serviço {oid}) (o servidor disse: {said})',
  'exchange.access.scopeMissing': 'falta {missing} no token de {upn}: o aplicativo não recebeu (ou não teve consentimento para) estas permissões delegadas',
  'exchange.access.delegateNoAccess':
    '{upn} entrou, mas {protocols} recusaram {mailbox}: é outra caixa (compartilhada?), e {upn} precisa de FullAccess nela (o servidor disse: {said})',
  'exchange.access.deniedDelegated': '{upn} entrou, mas {protocols} recusaram o login em {mailbox} (o servidor disse: {said})',
  'exchange.access.sendAsDelegated': 'o SMTP aceitou {upn}, mas {upn} não pode enviar como {mailbox} (o servidor disse: {said})',

  'exchange.cause.servicePrincipal':
    '{rank}. O aplicativo {app} não está registrado no Exchange Online (New-ServicePrincipal, com o ID do Objeto do aplicativo empresarial, {oid}). Registre:',
  'exchange.cause.servicePrincipalOther':
    '{rank}. A entidade de serviço do Exchange para {app} foi registrada com outro ID do Objeto que não {oid} (o do Registro de aplicativo?). Confira e registre com {oid}:',
  'exchange.cause.fullAccess': '{rank}. O aplicativo não tem FullAccess em {mailbox}: dê à entidade de serviço {oid}:',
  'exchange.cause.protocolDisabled': '{rank}. O {protocol} está desativado para {mailbox}: ative:',
  'exchange.cause.sendAs': '{rank}. Para enviar como {mailbox}, a entidade de serviço {oid} precisa de SendAs na caixa:',
  'exchange.cause.smtpAuthDisabled':
    '{rank}. O SMTP AUTH está desativado para {mailbox}: ative para esta caixa (a configuração da caixa vale mais que a da organização):',
  'exchange.cause.wrongObjectId':
    '{rank}. O mais provável: o New-ServicePrincipal foi executado com {sent}, que não é o ID do Objeto do aplicativo empresarial. O Exchange precisa de {oid}. Veja o que está registrado para {app}, remova, registre de novo com {oid} e dê FullAccess:',
  'exchange.cause.mailboxAddress': '{rank}. O endereço {mailbox} não é a caixa à qual o aplicativo recebeu acesso: confira o endereço no arquivo (mailbox:).',
  'exchange.cause.noRolesConsent': '{rank}. As permissões de aplicativo {roles} de {app} estão faltando ou sem consentimento do administrador:',
  'exchange.cause.rbacForApplications':
    '{rank}. Se o SMTP deve funcionar pelo RBAC para Aplicativos (uma atribuição no Exchange, sem SMTP.SendAsApp no Entra), a entidade de serviço {oid} precisa da atribuição de função no Exchange, com um escopo de gerenciamento que inclua esta caixa:',
  'exchange.cause.roleMissing': '{rank}. Falta {roles} ao aplicativo {app}: adicione as permissões de aplicativo e conceda o consentimento do administrador:',
  'exchange.cause.audience':
    '{rank}. Um token para IMAP, POP e SMTP precisa ser emitido para o Exchange Online (https://outlook.office365.com/.default no fluxo de aplicativo, os escopos do Outlook no delegado; nuvem {cloud}), nunca junto com escopos do Microsoft Graph.',
  'exchange.cause.expired': '{rank}. Confira o relógio desta máquina e rode de novo: um token novo é pedido a cada execução.',
  'exchange.cause.scopeMissing': '{rank}. Adicione as permissões delegadas {scopes} e conceda o consentimento do administrador:',
  'exchange.cause.delegateFullAccess':
    '{rank}. {upn} precisa de FullAccess em {mailbox} (uma caixa compartilhada é acessada com o token do usuário que entrou e user={mailbox}):',
  'exchange.cause.delegateSendAs': '{rank}. Para enviar como {mailbox}, {upn} precisa de SendAs na caixa:',
  'exchange.cause.userMailbox':
    '{rank}. {upn} pode não ter caixa própria no Exchange Online (sem licença), ou os logins dele estão bloqueados para protocolos de e-mail: confira o usuário no Centro de administração do Microsoft 365.',

  'exchange.fix.connect': 'No PowerShell do Exchange Online, como administrador do Exchange (Install-Module ExchangeOnlineManagement uma vez):',
  'exchange.fix.newServicePrincipal': 'Registre a entidade de serviço do aplicativo no Exchange Online:',
  'exchange.fix.verifyServicePrincipal': 'Veja o que o Exchange tem registrado para o aplicativo (o ObjectId precisa ser o do aplicativo empresarial):',
  'exchange.fix.removeServicePrincipal': 'Remova a que foi registrada com o ID do Objeto errado:',
  'exchange.fix.addMailboxPermission': 'Dê FullAccess em {mailbox}:',
  'exchange.fix.verifyMailboxPermission': 'Confira quem tem acesso à caixa:',
  'exchange.fix.addRecipientPermission': 'Permita enviar como {mailbox}:',
  'exchange.fix.enableProtocol': 'Ative o {protocol} para a caixa:',
  'exchange.fix.verifyCasMailbox': 'Confira os protocolos da caixa:',
  'exchange.fix.enableSmtpAuth': 'Ative o SMTP AUTH para a caixa:',
  'exchange.fix.rbacAssignment': 'Atribua a função do Exchange à entidade de serviço, limitada a esse escopo:',
  'exchange.fix.seeMailChecks': 'incoming.* e smtp.* mostram por que o servidor não foi alcançado, e a correção; rode de novo quando passarem.',
  'exchange.fix.runWithLogin': 'Rode de novo com --login: um usuário entra uma vez no navegador e a caixa é comprovada de ponta a ponta:',
  'exchange.fix.needsTerminal': 'Rode num terminal onde uma pessoa possa responder (fora do CI, sem redirecionar a entrada ou a saída).',
  'exchange.fix.loginAgain': 'Depois, entre de novo:',
  'exchange.fix.addWebRedirectUri':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Autenticação › Adicionar uma plataforma › Web › URIs de redirecionamento: adicione exatamente {uri} › Configurar (ou Salvar).',
  'exchange.fix.redirectExact':
    'O endereço precisa ser idêntico: https, host, porta, caminho, barra final e maiúsculas/minúsculas. Cadastrado em “Aplicativo de página única” ou “Aplicativos móveis e da área de trabalho” não vale: precisa estar em Web.',
  'exchange.fix.redirectInFile': 'Se o callback do CRM é outro endereço, coloque no arquivo o que está cadastrado:',
  'exchange.fix.redirectSpaToWeb':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Autenticação: {uri} está em “Aplicativo de página única”. Remova de lá e adicione em Web (um código resgatado com segredo do cliente precisa da plataforma Web).',
  'exchange.fix.delegatedPermissions':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Permissões de API › Adicionar uma permissão › Microsoft Graph (ou APIs que minha organização usa › Office 365 Exchange Online) › Permissões delegadas › marque {scopes} e offline_access › Adicionar permissões › Conceder consentimento do administrador.',
  'exchange.fix.cancelled':
    'O login foi cancelado (a tela de consentimento foi recusada, ou a pergunta foi abandonada). Rode de novo e aceite; se o usuário não pode consentir pela organização, um administrador concede o consentimento antes:',
  'exchange.fix.codeTaken':
    'O URI de redirecionamento {uri} é um serviço no ar (o callback do CRM) que resgatou o código antes da ferramenta. Use a alternativa local: cadastre um URI de redirecionamento Web temporário nesta máquina, rode de novo com --login e aceite a oferta; a ferramenta recebe o código ela mesma em 127.0.0.1.',
  'exchange.fix.codeTakenDeclined':
    'O URI de redirecionamento {uri} é um serviço no ar (o callback do CRM) que resgatou o código antes da ferramenta, e a alternativa local foi recusada. Para comprovar o login, cadastre um URI de redirecionamento Web temporário nesta máquina e aceite a oferta da próxima vez:',
  'exchange.fix.addLoopbackUri':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Autenticação › Web › Adicionar URI: http://localhost/ (o Entra ignora a porta dos endereços localhost, então a porta da ferramenta confere) › Salvar.',
  'exchange.fix.removeLoopbackUri': 'Depois, remova http://localhost/ dos URIs de redirecionamento do aplicativo.',
  'exchange.fix.codeExpired':
    'Um código de autorização vale cerca de 10 minutos e só pode ser resgatado uma vez: entre e cole o endereço logo em seguida, e cole o endereço deste login, não de um anterior.',
  'exchange.fix.pasteWholeAddress':
    'Depois de entrar, copie o endereço inteiro da barra de endereços do navegador (começa com {uri} e contém code=…). Se o navegador mostrar a página de erro da Microsoft, cole a linha do erro (AADSTS…).',
  'exchange.fix.pasteThisSignIn': 'Cole o endereço do login iniciado por esta execução (a última URL mostrada), na mesma aba do navegador.',
  'exchange.fix.rightTenantUser':
    'Entre com uma conta do locatário {tenant}: a própria caixa {mailbox}, ou um usuário desse locatário com FullAccess nela. A página de login deixa escolher a conta.',
  'exchange.fix.mfa': 'Conclua a autenticação multifator no navegador quando ela for pedida e cole o endereço.',
  'exchange.fix.signInLogs':
    'Centro de administração do Microsoft Entra › Monitoramento e integridade › Logs de entrada › filtre pelo aplicativo {app} ou pelo usuário {mailbox}: o login que falhou mostra a política (aba Acesso Condicional) e o que ela exigiu.',
  'exchange.fix.conditionalAccess':
    'Ajuste a política de Acesso Condicional que bloqueou (uma exclusão para o aplicativo {app}, ou um dispositivo em conformidade / local confiável), ou entre de onde ela permite.',
  'exchange.fix.timeout': 'O login espera {steps} vezes o tempo limite de cada etapa. Rode de novo (a opção --timeout dá mais tempo):',
  'exchange.fix.loopbackPort': 'Outro programa usa a porta de {uri}: feche-o, ou cadastre (e coloque em auth.redirectUri) outra porta http://localhost.',
  'exchange.fix.noRedirectUri': 'O fluxo delegado precisa de auth.redirectUri: o callback do CRM, cadastrado em Web no aplicativo.',
  'exchange.fix.scopeMixed': 'Só os escopos do Outlook ({scopes}) podem ser pedidos num login; isto é um problema da ferramenta: por favor, avise.',
  'exchange.fix.aadstsLookup': 'A descrição da Microsoft para {aadsts}:',
  'exchange.fix.offlineAccess':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Permissões de API: adicione a permissão delegada offline_access (Microsoft Graph) e conceda o consentimento do administrador.',

  'exchange.cli.login':
    'faz um usuário entrar (em qualquer navegador) para comprovar a caixa de ponta a ponta: contas do Office 365 com fluxo delegado e contas OAuth do Gmail (que obtêm assim um refresh token quando o arquivo não tem)',
  'exchange.login.intro': 'Login da conta “{account}” (caixa {mailbox}, locatário {tenant}).',
  'exchange.login.openUrl': 'Abra este endereço em qualquer navegador e entre (você tem cerca de {minutes} min):',
  'exchange.login.pasteHint':
    'Depois de entrar, o navegador vai para {redirectUri}… (a página pode mostrar um erro: tudo bem). Copie o endereço inteiro da barra de endereços e cole aqui. Se a Microsoft mostrar uma página de erro, cole a linha AADSTS dela.',
  'exchange.login.pastePrompt': 'Endereço depois do login (oculto)',
  'exchange.login.pasteAgain':
    'Esse não é o endereço depois do login (não tem code=…). Copie o endereço inteiro da barra de endereços do navegador; ele começa com {redirectUri}.',
  'exchange.login.pasteOtherSignIn': 'Esse endereço responde a outro login (uma aba antiga?). Use o endereço mostrado acima.',
  'exchange.login.codeTaken': 'O URI de redirecionamento {redirectUri} resgatou o código antes desta ferramenta: é um serviço no ar (o callback do CRM).',
  'exchange.login.offerLoopback': 'Entrar de novo por um endereço local temporário nesta máquina (antes, você o adiciona ao aplicativo)?',
  'exchange.login.loopbackRegister':
    'No Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Autenticação › Web, adicione o URI de redirecionamento {uri} (ou http://localhost/ — o Entra ignora a porta dos endereços localhost) e salve. Remova depois desta verificação.',
  'exchange.login.loopbackReady': '{uri} já está salvo como URI de redirecionamento Web?',
  'exchange.login.waitingLoopback': 'Aguardando o navegador em 127.0.0.1:{port}…',
  'exchange.login.signedIn': 'Login feito. Verificando {mailbox}…',
  'exchange.login.yes': 'Sim',
  'exchange.login.no': 'Não',
  'exchange.login.noTerminal':
    'o --login precisa de uma pessoa num terminal (a entrada e a saída de erro não são terminais, ou CI está definido): nenhum login foi iniciado',
  'exchange.login.noCredentials': 'o login delegado precisa de auth.tenantId, auth.clientId e auth.clientSecret',
  'exchange.login.failed': 'o login do --login falhou ({code}); exchange.mailbox-access diz por quê e como corrigir',
  'exchange.login.redirectMismatch': 'o URI de redirecionamento {uri} não está cadastrado (na plataforma Web) no aplicativo {app} ({aadsts})',
  'exchange.login.redirectSpa':
    'o URI de redirecionamento {uri} está cadastrado como aplicativo de página única: um código resgatado com segredo do cliente precisa dele em Web ({aadsts})',
  'exchange.login.consentMissing': 'ninguém concedeu ao aplicativo {app} as permissões delegadas de e-mail no locatário {tenant} ({aadsts})',
  'exchange.login.cancelled': 'o login foi cancelado ({error})',
  'exchange.login.codeRedeemed':
    'o código de autorização já tinha sido resgatado ({aadsts}): o URI de redirecionamento {uri} é um serviço no ar que o pegou antes da ferramenta',
  'exchange.login.codeExpired': 'o código de autorização expirou antes de ser resgatado ({aadsts})',
  'exchange.login.codeInvalid': 'o código colado não é válido ({aadsts}): o endereço provavelmente foi cortado',
  'exchange.login.noCode': 'o texto colado não tem código de autorização',
  'exchange.login.stateMismatch': 'o endereço colado responde a outro login (o state não confere com este)',
  'exchange.login.pkceMismatch': 'o código é de outro login ({aadsts})',
  'exchange.login.userWrongTenant': 'a conta usada no login é de outro locatário, não de {tenant} ({aadsts})',
  'exchange.login.userNotFound': 'a conta usada no login não existe no locatário {tenant} ({aadsts})',
  'exchange.login.mfa': 'a autenticação multifator é exigida e não foi concluída ({aadsts})',
  'exchange.login.conditionalAccess': 'uma política de Acesso Condicional bloqueou o login ({aadsts})',
  'exchange.login.timeout': 'sem resposta em {seconds} s: o login não foi concluído',
  'exchange.login.loopbackPort': 'a ferramenta não conseguiu escutar em 127.0.0.1:{port} para o navegador',
  'exchange.login.noRedirectUri': 'nenhum URI de redirecionamento está configurado (auth.redirectUri)',
  'exchange.login.scopeMixed': 'o Entra recusou escopos de mais de um recurso no mesmo login ({aadsts})',
  'exchange.login.otherFailure': 'o login falhou ({aadsts})',

  'exchange.evidence.mailbox': 'Caixa de correio',
  'exchange.evidence.flow': 'Fluxo OAuth',
  'exchange.evidence.protocol': 'Resultado',
  'exchange.evidence.signedInAs': 'Entrou como (upn)',
  'exchange.evidence.scopes': 'Escopos do token (scp)',
  'exchange.evidence.signInVia': 'Código recebido por',
  'exchange.evidence.redirectUri': 'URI de redirecionamento',
  'exchange.evidence.refreshToken': 'Token de atualização',
  'exchange.evidence.entraCheck': 'Verificação anterior',
  'exchange.evidence.pageError': 'A página da Microsoft disse',
  'exchange.evidence.loopbackPort': 'Endereço local',
  'exchange.evidence.firstAttempt': 'Primeira tentativa',
  // RBAC para aplicativos: o escopo ao qual a atribuição de função se limita.
  'exchange.fix.managementScope': 'Crie um escopo de gerenciamento com {mailbox} (uma vez por caixa):',

  'exchange.access.notConnectedReply': '{protocol} aceitou o token do aplicativo (entidade de serviço {oid}), mas não abriu {mailbox}: {reply}',
} as const satisfies Record<keyof typeof en, string>;
