import type { incoming as en } from '../en/incoming.js';

export const incoming = {
  'incoming.connect.title': 'O servidor de recebimento responde (IMAP/POP3)',
  'incoming.tls.title': 'O recebimento é criptografado com um certificado válido',
  'incoming.auth.title': 'A caixa faz login e abre somente para leitura (IMAP/POP3)',

  'incoming.connect.pass': 'o servidor {protocol} {host}:{port} ({address}) respondeu em {ms} ms',
  'incoming.connect.passTlsPending': 'conectado a {host}:{port} ({address}) em {ms} ms; o servidor só fala depois do TLS, veja incoming.tls',
  'incoming.connect.fix.wrongProtocol':
    'A porta {port} responde com outro protocolo. As portas usuais de {protocol} são {ports}; confira incoming.port e incoming.protocol no arquivo.',
  'incoming.connect.fix.refusedGreeting':
    'O servidor recusou a conexão antes de qualquer login (muitas vezes por excesso de conexões deste endereço, ou por bloqueio desta rede). Leia o texto dele acima, feche outros clientes de e-mail nesta rede e tente de novo; se continuar, fale com o provedor de e-mail.',

  'incoming.connect.failed': 'a conexão com {host}:{port} falhou: {detail}',
  'incoming.connect.fix.localBlock':
    'Libere as conexões de saída para a porta {port} para o Node.js no firewall local ou no software de segurança desta máquina.',
  'incoming.connect.fix.dns': 'Primeiro o nome precisa ser resolvido: veja o resultado de dns.incoming.',
  'incoming.connect.fix.longerTimeout': 'Se a rede estiver apenas lenta, rode de novo com um tempo limite maior: --timeout {seconds}',
  'incoming.connect.fix.garbage':
    'Esta porta não se comporta como um servidor de e-mail: confira incoming.host e incoming.port, e mande a transcrição (--trace) para a equipe de rede.',

  'incoming.tls.none': 'security: none — o login e as mensagens trafegam sem criptografia',
  'incoming.tls.noneButOffered': 'security: none, embora o servidor ofereça {command}: o login e as mensagens trafegariam sem criptografia',
  'incoming.tls.starttlsNotOffered':
    'o servidor em {host}:{port} não oferece {command}, então a conexão não pode ser criptografada como configurado (security: starttls)',
  'incoming.tls.starttlsRefused': 'o servidor recusou {command}: {reply}',
  'incoming.tls.fix.useStarttls': 'Esta porta começa em texto puro e passa a criptografar com {command}. No arquivo, em incoming:, escreva:',
  'incoming.tls.fix.conventionalPort': 'Ou use a porta usual para {security}:',
  'incoming.tls.fix.enableTls':
    'Peça ao provedor de e-mail o endereço criptografado deste servidor ({protocol} na porta {tlsPort} com TLS, ou {plainPort} com {command}) e coloque-o no arquivo; um login sem criptografia expõe a senha em todas as redes do caminho.',
  'incoming.tls.fix.none': 'Use criptografia se o servidor permitir. No arquivo, em incoming:, escreva:',

  'incoming.tls.failed': 'não foi possível estabelecer o TLS com {host}:{port}: {detail}',
  'incoming.tls.fix.handshake':
    'Confira se a porta {port} é a porta {protocol} para security: {security}; se for, mande a transcrição (--trace) para o administrador do servidor.',

  'incoming.auth.pass': 'login como {user} com {method}; INBOX aberta somente para leitura: {count} mensagens',
  'incoming.auth.passPop3': 'login como {user} com {method}; STAT: {count} mensagens ({size} bytes)',
  'incoming.auth.noPassword': 'auth.password está vazio, então não há com o que fazer login',
  'incoming.auth.notOffered': 'o servidor não oferece nenhuma forma de login que esta conta possa usar (mecanismos depois do TLS: {mechanisms})',
  'incoming.auth.loginDisabled': 'o servidor anuncia LOGINDISABLED e não oferece nenhum mecanismo com senha (mecanismos depois do TLS: {mechanisms})',
  'incoming.auth.mechanismUnsupported': 'o servidor não oferece {wanted} para OAuth (mecanismos depois do TLS: {mechanisms})',
  'incoming.auth.mechanismRefused': 'o servidor recusou o mecanismo {mechanism}: {reply}',
  'incoming.auth.rejected': 'o servidor recusou o usuário ou a senha de {user}: {reply}',
  'incoming.auth.tokenRejected': 'o servidor recusou o token de acesso de {user}: {reply}',
  'incoming.auth.exchangeRejected': 'o Exchange Online recusou o login OAuth de {user}: {reply}',
  'incoming.auth.exchangeBasicRejected': 'o Exchange Online recusou o login com senha de {user}: {reply}',
  'incoming.auth.notConnected': 'o Exchange aceitou o token de {user} e depois recusou a caixa de correio: {reply}',
  'incoming.auth.appPasswordRequired': 'o Google exige uma senha de app para {user}: {reply}',
  'incoming.auth.webLoginRequired': 'o provedor quer um login pelo navegador para {user} antes de permitir este acesso: {reply}',
  'incoming.auth.protocolDisabled': 'o acesso {protocol} está desativado para {user}: {reply}',
  'incoming.auth.tooManyConnections': 'o servidor recusou o login: conexões demais para {user}: {reply}',
  'incoming.auth.passwordExpired': 'a senha de {user} expirou: {reply}',
  'incoming.auth.tlsRequired': 'o servidor recusa logins em conexão sem criptografia: {reply}',
  'incoming.auth.contactAdmin': 'o servidor recusa {user} e pede para falar com o administrador dele: {reply}',
  'incoming.auth.temporary': 'o servidor informou uma falha temporária: {reply}',
  'incoming.auth.permanent': 'o servidor recusa {user} por um motivo permanente do lado dele: {reply}',
  'incoming.auth.alert': 'o servidor recusou o login com uma mensagem para o usuário: {reply}',
  'incoming.auth.mailboxFailed': 'login como {user} feito, mas a caixa de correio não pôde ser aberta: {reply}',
  'incoming.auth.connectionLost': 'a conexão terminou no {command}: {detail}',
  'incoming.auth.timeout': 'o servidor não respondeu ao {command} em {seconds} s',
  'incoming.auth.lineTooLong': 'o servidor respondeu ao {command} com uma linha maior do que qualquer resposta real: {detail}',
  'incoming.auth.unexpected': 'o servidor respondeu ao {command} algo que não é {protocol}: {detail}',

  'incoming.auth.fix.checkPassword':
    'Confira a senha de {user} (entre no webmail do provedor com ela) e coloque a senha correta onde auth.password aponta ({reference}). Só rode a verificação de novo quando tiver certeza: falhas repetidas podem bloquear a conta.',
  'incoming.auth.fix.checkUsername':
    'O nome de login usado foi {user} (auth.username, ou o endereço da caixa quando ele não está definido). Se o servidor espera outra forma (o endereço completo, ou um nome sem o domínio), defina auth.username no arquivo.',
  'incoming.auth.fix.gmailAppPassword':
    'Ative a verificação em duas etapas na conta Google, depois crie uma senha de app e coloque as 16 letras (sem espaços) onde auth.password aponta:',
  'incoming.auth.fix.gmailWorkspace2sv':
    'Google Workspace: antes, o administrador precisa permitir que os usuários ativem a verificação em duas etapas: admin.google.com › Segurança › Autenticação › Verificação em duas etapas › Permitir que os usuários ativem a verificação em duas etapas.',
  'incoming.auth.fix.gmailRecreate':
    'Uma senha de app deixa de funcionar quando a senha da conta muda ou quando ela é revogada: crie uma nova e coloque-a no arquivo:',
  'incoming.auth.fix.webLogin':
    'Entre uma vez no webmail como {user} a partir desta rede, conclua o desafio de segurança e confira a atividade recente de segurança; depois rode a verificação de novo.',
  'incoming.auth.fix.gmailImapDisabledUser':
    'Gmail: Configurações (engrenagem) › Ver todas as configurações › Encaminhamento e POP/IMAP › ative o {protocol} › Salvar alterações.',
  'incoming.auth.fix.gmailImapDisabledDomain':
    'Administrador do Google Workspace: Admin console › Apps › Google Workspace › Gmail › Acesso do usuário final › Acesso POP e IMAP › ative o {protocol} para todos os usuários (e permita qualquer cliente de e-mail, ou adicione o cliente OAuth da Tactium). Pode levar até 24 horas.',
  'incoming.auth.fix.exchangeProtocolDisabled':
    'Centro de administração do Microsoft 365 › Usuários › Usuários ativos › {user} › Email › Gerenciar aplicativos de email › marque {protocol} › Salvar alterações; ou no PowerShell do Exchange Online:',
  'incoming.auth.fix.askAdmin': 'Peça ao administrador do servidor de e-mail para liberar o {protocol} para {user}; o texto do próprio servidor está acima.',
  'incoming.auth.fix.tooManyConnections':
    'Feche outros clientes de e-mail ou ferramentas de sincronização conectados a {user} (celulares, outras integrações), espere alguns minutos e rode de novo.',
  'incoming.auth.fix.passwordExpired': 'Troque a senha de {user} (entrando no webmail) e atualize-a onde auth.password aponta ({reference}).',
  'incoming.auth.fix.tlsRequired': 'Use uma conexão criptografada. No arquivo, em incoming:, escreva:',
  'incoming.auth.fix.temporary':
    'O servidor informou um problema temporário. Espere alguns minutos e, antes de outra tentativa, confirme a senha ou o token e o nome de login: uma resposta temporária pode esconder um login que falhou, e falhas repetidas podem bloquear a conta. Se continuar acontecendo, mande o texto do servidor acima para o provedor de e-mail.',
  'incoming.auth.fix.mailbox':
    'O login funciona, mas o servidor não consegue abrir a INBOX de {user}: mande o texto do servidor acima para o administrador de e-mail (armazenamento da caixa, permissões ou conta em migração).',
  'incoming.auth.fix.alert': 'Leia a mensagem do servidor acima: ela é dirigida ao usuário da conta e costuma dizer o que fazer.',
  'incoming.auth.fix.exchangeBasicAuth':
    'O Exchange Online desligou os logins com senha (autenticação básica) para IMAP e POP em 2022-10-01. Use OAuth: defina auth.method: oauth2 com o fluxo de aplicativo, como descrito no README.',
  'incoming.auth.fix.exchangeRanked': 'O Exchange não informa o motivo; estas são as causas, da mais frequente para a menos:',
  'incoming.auth.fix.exchangeAudience':
    '1. O token não é para o Exchange (por exemplo, um token do Microsoft Graph): tokens de aplicativo devem ser pedidos para https://outlook.office365.com/.default; os delegados para https://outlook.office.com/{scope}, nunca junto com escopos do Graph.',
  'incoming.auth.fix.exchangeServicePrincipal':
    '2. O aplicativo não está registrado no Exchange Online, ou foi registrado com o ID do Objeto do Registro de aplicativo em vez do ID do Objeto do Aplicativo empresarial. No PowerShell do Exchange Online, como administrador do Exchange:',
  'incoming.auth.fix.exchangeMailboxPermission': '3. O aplicativo não tem permissão na caixa {mailbox}:',
  'incoming.auth.fix.exchangeRole':
    '4. Falta a permissão de aplicativo {role} ou ela não foi concedida: Centro de administração do Entra › Registros de aplicativo › o app › Permissões de API › Adicionar uma permissão › APIs que minha organização usa › Office 365 Exchange Online › Permissões de aplicativo › {role}, depois Conceder consentimento do administrador.',
  'incoming.auth.fix.exchangeDelegatedUser': '5. Login delegado: o usuário que entrou precisa ser {mailbox} ou ter Acesso Total a ela.',
  'incoming.auth.fix.exchangeProtocolOff': '6. O {protocol} está desligado para a caixa:',
  'incoming.auth.fix.notConnected':
    'O Exchange conhece o aplicativo, mas ele não consegue abrir {mailbox}. No PowerShell do Exchange Online, como administrador do Exchange, registre o aplicativo (uma vez) e dê a ele acesso à caixa:',
  'incoming.auth.fix.notConnectedObjectId':
    'O ID do Objeto para o New-ServicePrincipal é o que aparece em Centro de administração do Entra › Aplicativos empresariais › o app › Visão geral (não o do Registro de aplicativo).',
  'incoming.auth.fix.tokenRejected':
    'O servidor não aceitou o token de acesso de {user}: confira se ele está válido (tokens duram cerca de uma hora), se foi emitido para este serviço de e-mail e para este usuário.',
  'incoming.auth.fix.tokenRejectedGmail':
    'O Google recusa tokens expirados, tokens sem o escopo https://mail.google.com/ e tokens de outra conta que não {user}.',
  'incoming.auth.fix.notOffered':
    'O servidor não oferece nenhum método de login adequado a esta conta. Pergunte ao provedor de e-mail qual método ele aceita para {protocol}, ou confira se este é o servidor certo.',
  'incoming.auth.fix.loginDisabled':
    'O servidor não permite login com senha nesta conexão. Use uma conexão criptografada (security: tls ou starttls), ou OAuth se o provedor aceitar.',
  'incoming.auth.fix.mechanismUnsupported':
    'Este servidor não oferece OAuth para {protocol}: use auth.method: password se o provedor permitir, ou confira se este é o servidor do provedor.',
  'incoming.auth.fix.timeout':
    'O servidor parou de responder. Rode de novo; se continuar, tente um tempo limite maior (--timeout {seconds}) e verifique o caminho de rede (firewall, proxy, VPN).',
  'incoming.auth.fix.connectionLost':
    'O servidor, ou algo no caminho, fechou a conexão. Rode de novo; se persistir, mande a transcrição (--trace) para o provedor de e-mail.',
  'incoming.auth.fix.unexpected':
    'O servidor não fala {protocol} como esperado nesta porta: confira incoming.protocol e incoming.port, e mande a transcrição (--trace) para o provedor de e-mail.',
  'incoming.auth.fix.skipDueToToken': 'Resolva antes o problema do token apontado pelas verificações de identidade.',

  'incoming.evidence.capabilitiesBefore': 'capacidades antes do TLS',
  'incoming.evidence.capabilitiesAfter': 'capacidades depois do TLS',
  'incoming.evidence.mechanisms': 'mecanismos de login oferecidos',
  'incoming.evidence.loginName': 'nome de login',
  'incoming.evidence.method': 'método de login',
  'incoming.evidence.tokenOrigin': 'origem do token de acesso',
  'incoming.evidence.loginReply': 'resposta do servidor ao login',
  'incoming.evidence.mailboxReply': 'resposta do servidor depois do login',
  'incoming.evidence.command': 'comando',
  'incoming.evidence.bye': 'o servidor encerrou a sessão',
  'incoming.evidence.challenge': 'desafio de erro SASL',
  'incoming.evidence.messages': 'mensagens na INBOX',
  'incoming.evidence.readOnly': 'aberta somente para leitura',
  'incoming.evidence.starttlsReply': 'resposta ao STARTTLS/STLS',
  'incoming.evidence.failure': 'o que aconteceu',

  'incoming.auth.fix.connectionLostAfterCredential':
    'A conexão terminou depois de a credencial ser enviada e antes de o servidor responder: o resultado do login é desconhecido. Antes de outra tentativa, confirme a senha ou o token e o nome de login {user} (logins com falha repetidos podem bloquear a conta); se continuar acontecendo, mande a transcrição (--trace) para o provedor de e-mail.',

  'incoming.auth.notOfferedClear':
    'o servidor não oferece nenhuma forma de login que esta conta possa usar nesta conexão sem criptografia (mecanismos: {mechanisms})',
  'incoming.auth.mechanismUnsupportedClear': 'o servidor não oferece {wanted} para OAuth nesta conexão sem criptografia (mecanismos: {mechanisms})',
  'incoming.auth.fix.notOfferedClear':
    'Muitos servidores aceitam login {protocol} só por TLS e não oferecem STLS/STARTTLS nesta porta: tente TLS implícito na porta convencional. No arquivo, em incoming:, escreva:',

  'incoming.connect.passTlsFailed': 'conectado a {host}:{port} ({address}) em {ms} ms; nenhuma saudação antes de a etapa de TLS falhar, veja incoming.tls',
  'incoming.evidence.protocol': 'protocolo',

  'incoming.evidence.lastReply': 'a última linha do servidor',
  'incoming.auth.connectionLostReply': 'a conexão terminou no {command} ({detail}); a última linha do servidor: {reply}',
  'incoming.auth.timeoutReply': 'o servidor não respondeu ao {command} em {seconds} s; sua última linha: {reply}',
  'incoming.auth.commandFailed': 'o {command} não foi concluído ({detail}); a última linha do servidor: {reply}',
  'incoming.auth.mailboxNotAccessible': 'o servidor aceitou o login de {user} e depois não abriu a caixa de correio {mailbox}: {reply}',
  'incoming.auth.fix.notConnectedPerson':
    '{user} entrou, mas este servidor não consegue abrir {mailbox} para esse usuário. As causas, da mais frequente à menos:',
  'incoming.auth.fix.personFullAccess':
    '{user} não tem Acesso Total a {mailbox}. Como administrador do Exchange, no PowerShell do Exchange Online (ou no Exchange Management Shell de um servidor local):',
  'incoming.auth.fix.personFullAccessVerify': 'Para ver quem tem acesso a {mailbox}:',
  'incoming.auth.fix.mailboxHybrid':
    'A caixa de correio {mailbox} não está onde este servidor consegue abri-la: numa implantação híbrida ela ainda está no servidor local enquanto o login foi ao Exchange Online (RecipientTypeDetails MailUser), ou foi movida para o Exchange Online enquanto o login foi ao servidor local. Aponte incoming.host para o servidor que guarda a caixa, ou conclua a migração. Para ver onde ela está, no PowerShell do Exchange Online:',
  'incoming.auth.fix.notConnectedIfApp':
    'Se o token é de um aplicativo (credenciais de cliente) e não de uma pessoa, o aplicativo precisa ser registrado no Exchange Online e receber acesso:',

  'incoming.auth.fix.exchangeServerLogin':
    'Este é um Exchange Server local. Confira a senha de {user} e a forma do nome de login que ele espera (o UPN, DOMINIO\\usuário ou o alias): defina auth.username no arquivo se não for o endereço da caixa. Rode a verificação de novo só quando tiver certeza: falhas repetidas podem bloquear a conta.',
  'incoming.auth.fix.exchangeServerProtocol':
    'O administrador do Exchange pode confirmar que o {protocol} está ativo para a caixa, no Exchange Management Shell:',
  'incoming.auth.fix.exchangeServerSettings':
    'O Exchange aceita logins {protocol} em texto simples só sobre TLS por padrão (LoginType SecureLogin), e o certificado usado também é definido ali; para ver os dois:',
} as const satisfies Record<keyof typeof en, string>;
