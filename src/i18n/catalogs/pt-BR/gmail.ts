import type { gmail as en } from '../en/gmail.js';

export const gmail = {
  'gmail.credentials.title': 'Credenciais do Gmail (senha de app ou OAuth do Google)',
  'gmail.credentials.notGmail': 'só para provider: gmail',
  'gmail.credentials.accessTokenOnly': 'auth.accessToken foi informado sem refresh token: não há token a obter; as verificações de e-mail testam esse token',

  // Senha de app
  'gmail.appPassword.pass':
    'auth.password tem o formato de uma senha de app do Google (16 letras); os logins IMAP/POP3 e SMTP comprovam que funciona para {user}',
  'gmail.appPassword.spaces':
    'a senha de app em {reference} está escrita com espaços, como o Google a mostra ({spaces} removidos): os logins usam as 16 letras sem espaços — envie à Tactium o valor sem espaços também',
  'gmail.appPassword.notAppPassword':
    'a senha em {reference} não tem 16 letras, então não é uma senha de app do Google: se for a senha normal de {user}, o Google a recusa para IMAP, POP e SMTP (534-5.7.9 / [ALERT] Application-specific password required)',
  'gmail.appPassword.missing': 'sem senha: {reference} está vazio',
  'gmail.fix.turnOnTwoStep': 'Senhas de app exigem a verificação em duas etapas: Conta do Google de {user} › Segurança › Verificação em duas etapas › ativar:',
  'gmail.fix.createAppPassword':
    'Crie uma senha de app para {user} (Conta do Google › Segurança › Verificação em duas etapas › Senhas de app › um nome › Criar) e coloque as 16 letras, sem espaços, onde {reference} aponta:',
  'gmail.fix.workspaceTwoStep':
    'Google Workspace: um superadministrador precisa antes permitir a verificação em duas etapas: Admin Console (admin.google.com) › Segurança › Autenticação › Verificação em duas etapas › Permitir que os usuários ativem a verificação em duas etapas › Salvar.',
  'gmail.fix.removeSpaces': 'Tire os espaços de {reference} (a senha de app são as 16 letras), para que o valor enviado à Tactium funcione como está.',

  // OAuth do Google: o endpoint de token
  'gmail.token.pass':
    'O Google emitiu um token de acesso para o cliente OAuth {clientId} com o escopo {scope} (válido por {minutes} min); os logins de e-mail o usam',
  'gmail.token.scopeMissing':
    'O Google emitiu um token para {clientId}, mas sem o escopo {scope} de que IMAP, POP e SMTP precisam (concedidos: {granted}): o refresh token foi autorizado sem ele',
  'gmail.token.clientNotFound':
    'O Google não conhece o cliente OAuth {clientId} ("The OAuth client was not found."): o ID do cliente está digitado errado, é de outro projeto, ou o cliente foi excluído',
  'gmail.token.secretWrong':
    'O Google recusou a chave secreta em {reference} para o cliente OAuth {clientId} (invalid_client "Unauthorized"): ela não é a chave deste cliente',
  'gmail.token.grantExpired':
    'O Google recusou o refresh token (invalid_grant "Token has been expired or revoked."): ele expirou ou foi revogado — um app deixado com status de publicação "Em teste" recebe refresh tokens que expiram em 7 dias',
  'gmail.token.grantUnknown': 'O Google não aceita o refresh token (invalid_grant "Bad Request"): ele está incompleto ou não é um refresh token de {clientId}',
  'gmail.token.unauthorizedClient': 'O Google recusou o refresh token para {clientId} (unauthorized_client): ele foi emitido para outro cliente OAuth',
  'gmail.token.adminPolicy':
    'O Google Workspace de {mailbox} bloqueia o cliente OAuth {clientId} (admin_policy_enforced): um administrador precisa marcá-lo como Confiável',
  'gmail.token.invalidScope': 'O Google recusou o escopo para {clientId} (invalid_scope): o refresh token não foi autorizado para {scope}',
  'gmail.token.serverError': 'O endpoint de token do Google {host} respondeu HTTP {status} (um erro do lado do Google)',
  'gmail.token.unexpectedReply':
    'A resposta de {host} (HTTP {status}) não é do endpoint de token do Google: algo entre esta máquina e o Google respondeu no lugar dele',
  'gmail.token.oauthError': 'O Google recusou o pedido de token para {clientId}: {error}',
  'gmail.token.incomplete': 'o OAuth do Gmail precisa de {keys} para obter um token',
  'gmail.token.failedForMail': 'sem token de acesso do Google para o login ({code}); gmail.credentials mostra o motivo',

  'gmail.fix.findClient':
    'Console do Google Cloud › o projeto do CRM › Google Auth Platform › Clientes (ou APIs e serviços › Credenciais): encontre o cliente OAuth {clientId} e copie o ID do cliente exatamente; se ele não existir mais, crie um (Criar cliente › Aplicativo da Web › o URI de redirecionamento do CRM) e envie o ID e a chave secreta:',
  'gmail.fix.notAzure':
    'O OAuth do Gmail é um cliente OAuth do Google Cloud (terminado em .apps.googleusercontent.com): um app registrado no Azure / Microsoft Entra ID não serve para o Gmail.',
  'gmail.fix.newClientSecret':
    'Console do Google Cloud › Google Auth Platform › Clientes › {clientId} › Chaves secretas do cliente › Adicionar chave secreta; copie a nova chave para onde {reference} aponta (e para o CRM) e depois desative a antiga:',
  'gmail.fix.publishApp':
    'Se o app estiver "Em teste": Console do Google Cloud › Google Auth Platform › Público-alvo › Status de publicação › Publicar app (Em produção) — ou, no Google Workspace, defina o tipo de usuário como Interno — e autorize de novo; refresh tokens de apps em teste expiram em 7 dias:',
  'gmail.fix.revokedCauses':
    'Outras causas: acesso removido por {mailbox} (Conta do Google › Segurança › Suas conexões com apps e serviços de terceiros), senha da conta alterada, token sem uso por 6 meses, ou refresh tokens demais emitidos para o cliente:',
  'gmail.fix.copyRefreshToken': 'Confira o valor em {reference}: um refresh token do Google costuma começar com 1// e precisa ser copiado inteiro.',
  'gmail.fix.reauthorise':
    'Obtenha um novo refresh token: entre como {mailbox} no cliente OAuth {clientId} com o escopo https://mail.google.com/, access_type=offline e prompt=consent (a etapa "conectar caixa" do CRM) e coloque-o onde {reference} aponta. Ou obtenha e comprove um aqui: rode a verificação de novo com --login --show-refresh-token (ele é mostrado uma vez no seu terminal e nunca é salvo).',
  'gmail.fix.sameClient': 'Use o ID e a chave secreta do cliente OAuth que obteve o refresh token, ou obtenha um novo refresh token com {clientId}.',
  'gmail.fix.dataAccess':
    'Console do Google Cloud › Google Auth Platform › Acesso a dados › Adicionar ou remover escopos › inclua https://mail.google.com/ (manualmente, se não estiver na lista) › Atualizar › Salvar:',
  'gmail.fix.trustClient':
    'Superadministrador do Google Workspace: Admin Console (admin.google.com) › Segurança › Acesso e controle de dados › Controles de API › Gerenciar o acesso de apps de terceiros › Configurar novo app › pesquise o ID do cliente {clientId} › selecione-o › Confiável › Configurar.',
  'gmail.fix.adminIs': 'O administrador informado no arquivo: {admin}.',
  'gmail.fix.tryLater': 'Tente de novo em alguns minutos; se persistir, veja a página de status do Google (https://www.google.com/appsstatus).',
  'gmail.fix.proxyAnswered':
    'O proxy {proxy} respondeu no lugar de {host}: peça ao administrador dele que libere HTTPS para {host}, ou que o isente de filtragem.',
  'gmail.fix.somethingAnswered': 'Um firewall, portal cativo ou proxy respondeu no lugar de {host}: libere HTTPS para {host} a partir desta máquina.',
  'gmail.fix.checkEndpoint':
    'Confira endpoints.googleToken no arquivo (normalmente deve ficar de fora; o padrão é https://oauth2.googleapis.com/token); agora: {endpoint}',

  // Alcançar o endpoint de token
  'gmail.net.dnsNotFound': '{host} não existe no DNS',
  'gmail.net.dnsFailed': 'não foi possível resolver {host} ({code}): o DNS não responde a partir desta máquina',
  'gmail.net.blocked': 'Sem conexão HTTPS com {host} ({code}): o HTTPS de saída está bloqueado a partir desta máquina',
  'gmail.net.timeout': '{host} não respondeu em {seconds} s',
  'gmail.net.proxyUnreachable': 'Não foi possível alcançar o proxy {proxy} (HTTPS_PROXY)',
  'gmail.net.proxyAuth': 'O proxy {proxy} pede autenticação (HTTP 407)',
  'gmail.net.proxyTunnel': 'O proxy {proxy} recusou abrir uma conexão com {host}',
  'gmail.net.untrusted':
    'O certificado apresentado para {host} não é confiável: normalmente um proxy ou firewall com inspeção TLS trocando o certificado do Google pelo dele',
  'gmail.net.hostnameMismatch': 'O certificado apresentado para {host} é de outro nome: algo que não é o Google respondeu',
  'gmail.net.certDates':
    'O certificado apresentado para {host} está vencido ou ainda não é válido: o relógio desta máquina está errado, ou um proxy de inspeção apresenta um certificado antigo',
  'gmail.net.untrustedIssuer':
    'O certificado apresentado para {host} foi emitido por "{issuer}", em que esta máquina não confia: normalmente um proxy ou firewall com inspeção TLS trocando o certificado do Google pelo dele',
  'gmail.net.tooLarge': 'A resposta de {host} é muito maior que qualquer resposta de token: algo entre esta máquina e o Google respondeu no lugar dele',
  'gmail.net.handshake': 'O handshake TLS com {host} falhou',
  'gmail.net.aborted': 'O pedido de token a {host} foi interrompido',
  'gmail.fix.dns': 'Confira se esta máquina resolve {host} (nslookup {host}); numa rede que só sai para a internet por proxy, defina HTTPS_PROXY.',
  'gmail.fix.proxyVariable':
    'Se esta rede sai para a internet por um proxy, defina HTTPS_PROXY=http://proxy:porta (e NO_PROXY para os hosts internos) antes de rodar a ferramenta; {host} passa então por ele.',
  'gmail.fix.openHttps': 'Libere HTTPS de saída (TCP 443) desta máquina para {host}, ou defina HTTPS_PROXY com o proxy da empresa.',
  'gmail.fix.checkProxy': 'Confira HTTPS_PROXY ({proxy}): host, porta e se o proxy está no ar; ou remova a variável se esta rede tem acesso direto à internet.',
  'gmail.fix.proxyAuth':
    'Informe as credenciais do proxy na variável (HTTPS_PROXY=http://usuario:senha@proxy:porta), ou peça ao administrador do proxy que libere {host} sem autenticação.',
  'gmail.fix.proxyAllow': 'Peça ao administrador de {proxy} que libere conexões para {host}:443.',
  'gmail.fix.caFile':
    'Confie no certificado raiz do proxy de inspeção: exporte-o em PEM e indique-o no arquivo (tls.caFile) — ou peça que {host} seja isento da inspeção:',
  'gmail.fix.inspectionExempt': 'Peça ao administrador do firewall/proxy que isente {host} da inspeção TLS.',
  'gmail.fix.clock': 'Confira a data, a hora e o fuso horário desta máquina.',

  // Respostas do Gmail aos logins de e-mail
  'gmail.mail.freshTokenRejected':
    'O {protocol} do Gmail recusou o token que o Google acabara de emitir (status {status}) para {user}: o refresh token é de outra conta Google que não {user}, ou a conta não pode usar este cliente — {reply}',
  'gmail.mail.tokenRejected': 'O {protocol} do Gmail recusou o token de acesso de {user} (status {status}: inválido ou expirado) — {reply}',
  'gmail.mail.scopeMissing': 'O {protocol} do Gmail recusou o token de {user} (status {status}): ele não tem o escopo {scope} — {reply}',
  'gmail.mail.tooManyLoginAttempts':
    'O servidor recusa por um tempo os logins {protocol} de {user} depois de tentativas demais (é assim que o Google bloqueia contas) — {reply}',
  'gmail.fix.tokenOtherAccount':
    'Autorize com a própria conta Google {user} (a conta escolhida na tela de login do Google quando o refresh token foi obtido), ou defina auth.username como a conta dona do token.',
  'gmail.fix.accessTokenExpired':
    'Tokens de acesso duram cerca de uma hora: obtenha um novo para {user} com o escopo https://mail.google.com/ — ou configure o ID do cliente, a chave secreta e o refresh token para que a ferramenta o obtenha sozinha.',
  'gmail.fix.userMatchesToken': 'O nome de login enviado precisa ser a conta Google para a qual o token foi emitido ({user}).',
  'gmail.fix.imapOauthClients':
    'Google Workspace: se o {protocol} estiver restrito a clientes de e-mail OAuth listados (Admin Console › Apps › Google Workspace › Gmail › Acesso do usuário final › Acesso POP e IMAP), inclua {clientId} entre os clientes permitidos.',
  'gmail.fix.waitLockout': 'Espere antes de qualquer nova tentativa: o bloqueio dura um tempo; o tactium-preflight fez login uma única vez e nunca repete.',
  'gmail.fix.stopOtherClients':
    'Descubra o que continua fazendo login em {user} com credenciais antigas (uma configuração antiga do CRM, um celular, um script) e pare-o, senão o bloqueio volta.',
  'gmail.fix.lockoutHelp': 'A ajuda do Google sobre esse bloqueio (Gmail):',

  // Rótulos de evidência
  'gmail.evidence.loginName': 'nome de login',
  'gmail.evidence.passwordSource': 'senha vinda de',
  'gmail.evidence.passwordShape': 'formato da senha',
  'gmail.evidence.tokenEndpoint': 'endpoint de token',
  'gmail.evidence.clientId': 'ID do cliente OAuth',
  'gmail.evidence.proxy': 'via proxy',
  'gmail.evidence.httpStatus': 'status HTTP',
  'gmail.evidence.scopes': 'escopos concedidos',
  'gmail.evidence.expiresIn': 'token válido por',
  'gmail.evidence.oauthError': 'erro OAuth',
  'gmail.evidence.errorDescription': 'descrição do erro',
  'gmail.evidence.contentType': 'tipo de conteúdo',
  'gmail.evidence.body': 'resposta',
  'gmail.evidence.failure': 'falha',
  'gmail.evidence.proxyStatus': 'resposta do proxy ao CONNECT',
  'gmail.evidence.certificateSubject': 'certificado apresentado para',
  'gmail.evidence.certificateIssuer': 'certificado emitido por',
  'gmail.evidence.elapsed': 'tempo',

  // Itens de entrega (a planilha do report)
  'gmail.handoff.mailbox': 'Caixa de e-mail (endereço Gmail / Google Workspace)',
  'gmail.handoff.username': 'Nome de login',
  'gmail.handoff.appPassword': 'Senha de app (16 letras, enviada à parte)',
  'gmail.handoff.clientId': 'ID do cliente OAuth do Google Cloud',
  'gmail.handoff.clientSecret': 'Chave secreta do cliente OAuth (enviada à parte)',
  'gmail.handoff.refreshToken': 'Refresh token (enviado à parte)',
  'gmail.handoff.scope': 'Escopo OAuth',
  'gmail.handoff.incomingProtocol': 'Protocolo de entrada',
  'gmail.handoff.incomingServer': 'Servidor de entrada',
  'gmail.handoff.incomingPort': 'Porta de entrada',
  'gmail.handoff.incomingSecurity': 'Criptografia de entrada',
  'gmail.handoff.outgoingServer': 'Servidor de saída (SMTP)',
  'gmail.handoff.outgoingPort': 'Porta de saída',
  'gmail.handoff.outgoingSecurity': 'Criptografia de saída',
  'gmail.handoff.workspaceAdmin': 'Administrador do Google Workspace',
  'gmail.handoff.workspaceMailAccess':
    'Workspace: acesso de e-mail liberado para os usuários (Admin Console › Apps › Google Workspace › Gmail › Acesso do usuário final)',
  'gmail.handoff.workspaceTrustedClient': 'Workspace: cliente OAuth marcado como Confiável (Admin Console › Segurança › Controles de API)',
  'gmail.login.intro': 'Login no Google da conta “{account}” (caixa {mailbox}, cliente OAuth {clientId}).',
  'gmail.login.openUrl': 'Abra este endereço em qualquer navegador, entre com a caixa de e-mail e permita o acesso (você tem cerca de {minutes} min):',
  'gmail.login.pasteHint':
    'Depois de permitir o acesso, o navegador vai para {redirectUri}… (a página pode mostrar um erro: tudo bem). Copie o endereço inteiro da barra de endereços e cole aqui. Se o Google mostrar uma página de erro dele (“Error 400: …”), cole essa linha.',
  'gmail.login.pastePrompt': 'Endereço depois do login (oculto)',
  'gmail.login.pasteAgain':
    'Esse não é o endereço depois do login (não tem code=… deste login). Copie o endereço inteiro da barra de endereços do navegador; ele começa com {redirectUri}.',
  'gmail.login.waitingLoopback': 'Aguardando o navegador em 127.0.0.1:{port}…',
  'gmail.login.signedIn':
    'Login no Google feito. O refresh token obtido vale só para esta execução (nunca é salvo nem mostrado; --show-refresh-token o mostra uma vez); verificando {mailbox}…',
  'gmail.login.failed': 'O login no Google da conta “{account}” falhou ({code}); gmail.credentials diz por quê e como corrigir.',
  'gmail.login.noTerminal':
    'O --login precisa de uma pessoa no terminal (stdin e stderr, sem CI): nenhum login no Google foi iniciado; as contas com refresh token no arquivo usam esse token.',

  // --login sem refresh token no arquivo, --show-refresh-token e as falhas do login
  'gmail.login.signedInShown': 'Login no Google feito; verificando {mailbox} com o refresh token mostrado acima…',
  'gmail.login.failedFileToken':
    'O login no Google da conta “{account}” falhou ({code}); gmail.credentials diz por quê e como corrigir. Enquanto isso, as verificações de e-mail usam o refresh token do arquivo.',
  'gmail.login.refreshTokenShown':
    'Refresh token da conta “{account}” ({mailbox}), mostrado só desta vez porque você pediu (--show-refresh-token) e não salvo em lugar nenhum. Guarde-o onde o arquivo o lê — {reference} — e envie-o à Tactium à parte; todo relatório e log continua a mascará-lo:',
  'gmail.login.noReferenceYet': 'refreshToken: ${env:GOOGLE_REFRESH_TOKEN} na seção auth da conta, com essa variável definida',
  'gmail.login.showTokenNoGmail':
    'O --show-refresh-token mostra o refresh token de uma conta OAuth do Gmail que entrou com --login; nenhuma conta selecionada é assim (o login do Office 365 guarda os tokens só na memória).',
  'gmail.cli.showRefreshToken':
    'com --login (OAuth do Gmail): mostra uma vez neste terminal o refresh token obtido, para guardá-lo (nunca em relatórios ou logs)',
  'gmail.token.needsLogin': 'sem refresh token para {mailbox} (não há no arquivo): rode com --login para entrar e obter um',
  'gmail.noRefresh.loginRequired':
    'O Google aceita o cliente OAuth {clientId} e o seu segredo; não há refresh token no arquivo, então o login de {mailbox} ainda não está comprovado: rode com --login',
  'gmail.noRefresh.noTerminal':
    'O Google aceita o cliente OAuth {clientId} e o seu segredo; sem refresh token no arquivo, comprovar o login de {mailbox} exige --login com uma pessoa no terminal (aqui não há)',
  'gmail.fix.runWithLogin':
    'Entre como {mailbox} uma vez em qualquer navegador: o refresh token obtido é comprovado pelos logins de e-mail e mostrado uma vez no seu terminal para você guardá-lo:',
  'gmail.fix.addRefreshToken': 'Ou coloque na seção auth da conta um refresh token do cliente {clientId} para {mailbox} (escopo https://mail.google.com/):',
  'gmail.fix.needsTerminal': 'Rode num terminal onde uma pessoa possa entrar (entrada e saída de erro não redirecionadas, sem CI).',
  'gmail.fix.loginAgain': 'Entre de novo:',
  'gmail.fix.addRedirectUri':
    'Google Cloud console › Google Auth Platform › Clients › {clientId} › Authorized redirect URIs › Add URI › {uri} — exatamente (esquema, host, porta, caminho, barra final) › Save; pode levar alguns minutos para valer:',
  'gmail.fix.redirectInFile': 'Ou ponha em auth.redirectUri, no arquivo, um URI de redirecionamento que o cliente já tenha:',
  'gmail.fix.addTestUser':
    'Google Cloud console › Google Auth Platform › Audience › Test users › Add users › {mailbox} › Save — ou Publish app (In production), ou, no Google Workspace, mude User type para Internal:',
  'gmail.fix.orgInternal':
    'O User type do cliente é Internal: entre com uma conta da própria organização Workspace do cliente, crie o cliente OAuth num projeto Google Cloud da organização de {mailbox} ou mude Google Auth Platform › Audience › User type para External:',
  'gmail.fix.restoreClient':
    'Google Cloud console › Google Auth Platform › Clients: um cliente excluído pode ser restaurado em até 30 dias (credenciais excluídas › Restore); senão crie outro e envie o ID e o segredo dele:',
  'gmail.fix.codeRejected':
    'Entre de novo e cole o endereço logo: um código dura minutos e vale uma vez. Se {uri} é o callback do CRM no ar, ele pode resgatar o código antes da ferramenta: adicione ao cliente um URI de loopback como http://127.0.0.1:8765/ (Authorized redirect URIs), ponha-o em auth.redirectUri para esta verificação e rode --login de novo — a ferramenta então recebe o código ela mesma.',
  'gmail.fix.revokeAndRetry':
    'Remova o acesso anterior do app para {mailbox} (Conta do Google › Segurança › Suas conexões com apps e serviços de terceiros) e entre de novo: o Google emite refresh token num novo consentimento:',
  'gmail.fix.allowAccess':
    'Entre de novo como {mailbox} e escolha Permitir na tela de consentimento do Google, com a permissão do Gmail (ler, escrever, enviar…) marcada:',
  'gmail.fix.timeout': 'Rode de novo e termine o login no tempo indicado ({steps} × --timeout: aumente --timeout para ter mais):',
  'gmail.fix.pasteWholeAddress':
    'Depois de permitir o acesso, copie o endereço inteiro da barra de endereços do navegador (começa com {uri} e traz code=…); se o Google mostrar uma página de erro, cole a linha “Error 400: …” dela:',
  'gmail.fix.pasteThisSignIn': 'Cole o endereço do login desta execução (aberto pela URL impressa nesta execução), não o de uma tentativa anterior:',
  'gmail.fix.loopbackPort': 'Feche o programa que usa a porta de {uri} nesta máquina, ou registre outra porta de loopback no cliente e em auth.redirectUri.',
  'gmail.signIn.redirectMismatch':
    'O Google recusou o URI de redirecionamento {uri} para o cliente OAuth {clientId} (redirect_uri_mismatch): ele não está entre os Authorized redirect URIs do cliente',
  'gmail.signIn.accessBlocked':
    'O Google bloqueou o login de {mailbox} no cliente OAuth {clientId} (Error 403: access_denied): o app está em "Testing" e {mailbox} não é um dos usuários de teste, ou o app não é verificado',
  'gmail.signIn.orgInternal':
    'O cliente OAuth {clientId} só admite usuários da própria organização Google Workspace (org_internal), e {mailbox} não é um deles',
  'gmail.signIn.clientDeleted': 'O cliente OAuth {clientId} foi excluído (deleted_client)',
  'gmail.signIn.codeRejected':
    'O Google recusou o código de autorização (invalid_grant): ele expirou, já foi usado — pelo serviço em {uri}, quando esse endereço é um callback do CRM no ar — ou é de outro login',
  'gmail.signIn.noRefreshToken': 'O Google resgatou o código para {clientId}, mas não emitiu refresh token',
  'gmail.signIn.cancelled': 'O login de {mailbox} foi cancelado (acesso não permitido na tela de consentimento do Google, ou Esc)',
  'gmail.signIn.timeout': 'Ninguém concluiu o login no Google de {mailbox} a tempo ({detail})',
  'gmail.signIn.noCode': 'Sem código de autorização: o que foi colado não é o endereço para onde o navegador foi depois do login',
  'gmail.signIn.stateMismatch': 'O endereço colado é de outro login (o state não é o deste)',
  'gmail.signIn.loopbackPort': 'A ferramenta não conseguiu escutar nesta máquina o URI de redirecionamento {uri} ({detail}): outro programa usa essa porta',
  'gmail.signIn.other': 'O Google recusou o login de {mailbox}: {detail}',
  'gmail.evidence.refreshToken': 'refresh token',
  'gmail.evidence.fileRefreshToken': 'refresh token do arquivo',
  'gmail.evidence.clientCheck': 'verificação do cliente',
  'gmail.evidence.redirectUri': 'URI de redirecionamento',
  'gmail.evidence.signInVia': 'código recebido por',
  'gmail.evidence.googleSaid': 'o Google disse',
} as const satisfies Record<keyof typeof en, string>;
