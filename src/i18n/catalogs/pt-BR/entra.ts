import type { entra as en } from '../en/entra.js';

export const entra = {
  'entra.notApplicable.notOffice365': 'só para contas do Office 365 (esta é {provider})',
  'entra.notApplicable.notOAuth': 'só para contas do Office 365 com method: oauth2',
  'entra.notApplicable.tokenGiven': 'token informado no arquivo (auth.accessToken); a obtenção do token não é testada',
  'entra.notApplicable.noSecret': 'nenhum segredo do cliente configurado (auth.clientSecret)',
  'entra.notApplicable.noIds': 'são necessários auth.tenantId e auth.clientId',
  'entra.notApplicable.notApplicationFlow': 'só para o fluxo de aplicativo (auth.flow: application); o fluxo delegado é comprovado com --login',

  'entra.aadsts.7000215': 'o Entra recusou o segredo do cliente do aplicativo {app} (AADSTS7000215): não é o Valor de nenhum segredo deste aplicativo',
  'entra.aadsts.7000222': 'o segredo do cliente do aplicativo {app} expirou (AADSTS7000222)',
  'entra.aadsts.7000218': 'nenhum segredo do cliente chegou ao Entra para o aplicativo {app} (AADSTS7000218)',
  'entra.aadsts.700016':
    'não existe o aplicativo {app} no locatário {tenant} (AADSTS700016): o ID do cliente está errado, ou o locatário não é aquele onde o aplicativo foi registrado',
  'entra.aadsts.7000112': 'o aplicativo {app} está desabilitado no locatário {tenant} (AADSTS{aadsts}): ninguém consegue entrar com ele',
  'entra.aadsts.90002': 'o Entra não conhece o locatário {tenant} na nuvem {cloud} (AADSTS90002)',
  'entra.aadsts.900023': '{tenant} não é um identificador de locatário (AADSTS900023): precisa ser um GUID ou um domínio como contoso.onmicrosoft.com',
  'entra.aadsts.90038': 'o locatário {tenant} pertence a outra nuvem nacional, não à {cloud} (AADSTS90038)',
  'entra.aadsts.1002012': 'o Entra recusou o escopo {scope} (AADSTS{aadsts})',
  'entra.aadsts.500011':
    'o locatário {tenant} não tem o serviço Office 365 Exchange Online (AADSTS500011): o locatário não tem licença do Exchange Online, ou não é o locatário das caixas de correio',
  'entra.aadsts.53003': 'uma política de Acesso Condicional do locatário bloqueou o token do aplicativo {app} (AADSTS{aadsts})',
  'entra.aadsts.65001': 'ninguém concedeu consentimento ao aplicativo {app} neste locatário (AADSTS{aadsts})',
  'entra.aadsts.transient': 'o Entra não conseguiu responder agora (AADSTS{aadsts}): um problema temporário do lado da Microsoft',
  'entra.aadsts.unknown': 'o Entra recusou a solicitação com AADSTS{aadsts} ({error})',

  'entra.tenant.title': 'O locatário existe, na nuvem configurada',
  'entra.tenant.pass': 'o locatário {tenant} existe na nuvem {cloud}',
  'entra.tenant.passDomain': 'o domínio {domain} pertence ao locatário {tenant}, na nuvem {cloud}',
  'entra.tenant.notFound': 'o Entra não conhece o locatário {tenant} na nuvem {cloud} (AADSTS90002): ID errado, ou locatário de outra nuvem',
  'entra.tenant.domainNotFound':
    'nenhum locatário da nuvem {cloud} verificou o domínio {tenant} (AADSTS90002): erro de digitação, domínio não verificado no Entra, ou locatário de outra nuvem',
  'entra.tenant.malformed': '{tenant} não é um identificador de locatário (AADSTS900023): precisa ser um GUID ou um domínio como contoso.onmicrosoft.com',
  'entra.tenant.refused': 'o Entra se recusou a descrever o locatário (AADSTS{aadsts}, {meaning})',
  'entra.tenant.wrongCloud':
    'o locatário {tenant} está na nuvem {found}, mas o arquivo diz cloud: {configured}; todos os hosts de login e de e-mail seriam os errados',
  'entra.tenant.fix.cloud': 'Escreva a nuvem do locatário ({cloud}) na conta; os hosts de login, do Graph e de e-mail acompanham:',
  'entra.tenant.fix.endpoints':
    'endpoints.login / endpoints.graph estão definidos no arquivo: nesta nuvem eles são {login} e {graph} (ou remova-os para usar os padrões).',
  'entra.tenant.fix.cloudHosts':
    'Nesta nuvem as caixas de correio ficam em {incoming} (IMAP/POP3) e {smtp} (SMTP); confira o mesmo nas configurações de e-mail da Tactium.',

  'entra.credentials.title': 'O ID do cliente e o segredo obtêm um token',
  'entra.credentials.pass': 'o aplicativo {app} obteve um token do Exchange Online com o seu segredo do cliente',
  'entra.credentials.secretIdAsValue':
    'o Entra recusou o segredo do cliente do aplicativo {app} (AADSTS7000215), e auth.clientSecret contém um GUID: isso é o ID do segredo, não o Valor do segredo',
  'entra.credentials.emptyToken': 'o Entra respondeu (HTTP {status}) sem token',
  'entra.credentials.clientRejected': 'a biblioteca de login recusou as configurações antes de contatar o Entra ({code})',

  'entra.exchange-roles.title': 'O token do Exchange traz as permissões de que os protocolos precisam',
  'entra.roles.pass': 'o token traz {roles}',
  'entra.roles.none':
    'o token não traz nenhuma permissão de aplicativo (sem roles): ou as permissões do Exchange nunca receberam o consentimento do administrador, ou o acesso é dado pelo próprio Exchange (RBAC para aplicativos); exchange.mailbox-access vai dizer. Necessárias: {roles}',
  'entra.roles.missing':
    'falta no token {missing} (ele traz {held}): o consentimento do administrador não foi concedido para essas permissões de aplicativo do Office 365 Exchange Online',
  'entra.roles.ewsOnly': 'o token traz só full_access_as_app, que é para EWS, não para IMAP, POP ou SMTP; necessárias: {roles}',
  'entra.roles.audience': 'o token não é para o Exchange Online (aud: {aud})',
  'entra.roles.tenantMismatch': 'o token vem do locatário {tid}, não do locatário configurado {tenant}',
  'entra.roles.clientMismatch': 'o token foi emitido para o aplicativo {appid}, não para o cliente configurado {app}',
  'entra.roles.fix.addPermissions':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Permissões de API › Adicionar uma permissão › APIs que minha organização usa › Office 365 Exchange Online › Permissões de aplicativo › marque {roles} › Adicionar permissões.',
  'entra.roles.fix.grantConsent':
    'Depois, na mesma página, Conceder consentimento do administrador para o locatário › Sim (a coluna Status precisa mostrar “Concedido”). Isso exige um Administrador Global, Administrador de Funções com Privilégios, Administrador de Aplicativos de Nuvem ou Administrador de Aplicativos. Aplicativo {app}.',
  'entra.roles.fix.rbac':
    'Se o SMTP deve usar RBAC para aplicativos (uma atribuição de função no Exchange; o token então vem sem roles), essa atribuição é feita no PowerShell do Exchange Online:',
  'entra.roles.fix.connect': 'Conecte-se ao Exchange Online como Administrador do Exchange:',
  'entra.roles.fix.rbacAssignment': 'Atribua a função de SMTP ao aplicativo, limitada a um escopo de gerenciamento com as caixas de correio:',
  'entra.roles.fix.audience': 'O token precisa ser para o recurso do Exchange da nuvem {cloud}; confira cloud: e endpoints: no arquivo.',
  'entra.roles.fix.tenantMismatch':
    'auth.tenantId precisa ser o locatário onde estão as caixas de correio ({tid} emitiu este token); confira o ID do diretório (locatário) na página Visão geral do aplicativo.',
  'entra.roles.fix.clientMismatch': 'auth.clientId precisa ser o ID do aplicativo (cliente) mostrado na página Visão geral do aplicativo.',

  'entra.object-id.title': 'O ID do Objeto é o do aplicativo empresarial',
  'entra.objectId.pass': '{oid} é o ID do Objeto do aplicativo empresarial, o que o New-ServicePrincipal precisa',
  'entra.objectId.notGiven': 'o ID do Objeto não foi informado (auth.objectId); o ID do Objeto do aplicativo empresarial neste locatário é {oid}',
  'entra.objectId.noOid': 'o token não traz a declaração oid, então o ID do Objeto não pode ser comparado',
  'entra.objectId.isClientId': 'o ID do Objeto enviado ({sent}) é o ID do aplicativo (cliente), não um ID do Objeto',
  'entra.objectId.isTenantId': 'o ID do Objeto enviado ({sent}) é o ID do diretório (locatário), não um ID do Objeto',
  'entra.objectId.isSecretId': 'o ID do Objeto enviado ({sent}) é o ID do segredo do cliente, não um ID do Objeto',
  'entra.objectId.isAppRegistration':
    'o ID do Objeto enviado ({sent}) é o ID do Objeto de Registros de aplicativo; o Exchange precisa o do aplicativo empresarial',
  'entra.objectId.isUnknown': 'o ID do Objeto enviado ({sent}) não é o do aplicativo empresarial nem o do registro do aplicativo',
  'entra.objectId.probablyAppRegistration':
    'o ID do Objeto enviado ({sent}) não é o do aplicativo empresarial; o mais provável é que seja o ID do Objeto de Registros de aplicativo, que o Exchange não aceita',
  'entra.objectId.fix.whichOne':
    'Duas páginas mostram um “ID do Objeto”: Registros de aplicativo (o próprio registro, usado pelo Microsoft Graph) e Aplicativos empresariais (a entidade de serviço neste locatário). O New-ServicePrincipal -ObjectId do Exchange e as permissões de caixa de correio precisam do ID do aplicativo empresarial: {oid}.',
  'entra.objectId.fix.portal':
    'Centro de administração do Microsoft Entra › Aplicativos empresariais › Todos os aplicativos (limpe o filtro “Tipo de aplicativo” se ele não aparecer) › o aplicativo {app} › Visão geral › ID do Objeto: {oid}.',
  'entra.objectId.fix.yaml': 'No arquivo (e no que você envia à Tactium), escreva:',
  'entra.objectId.fix.connect': 'No PowerShell do Exchange Online, como Administrador do Exchange:',
  'entra.objectId.fix.newServicePrincipal':
    'Registre a entidade de serviço do aplicativo no Exchange com o ID do Objeto certo (se uma foi registrada com o ID errado, remova-a antes com Remove-ServicePrincipal):',
  'entra.objectId.fix.verify': 'Confira o que o Exchange tem registrado:',

  'entra.token.needsLogin': 'precisa de --login (fluxo delegado): um usuário entra para obter o token da caixa de correio',
  'entra.token.noCredentials': 'o fluxo de aplicativo do Office 365 precisa de auth.tenantId, auth.clientId e auth.clientSecret',
  'entra.token.failed': 'sem token do Office 365 ({code}); entra.credentials diz por quê',
  'entra.token.opaque': 'o token é opaco (não é um JWT): as declarações dele não podem ser lidas',

  'entra.unavailable': 'o Entra respondeu HTTP {status}: um problema temporário do lado da Microsoft, ou no caminho',
  'entra.throttled': 'o Entra está limitando as solicitações (HTTP 429; tente de novo em {retryAfter} s)',
  'entra.unexpectedAnswer': 'quem respondeu em {host} não foi o Entra (HTTP {status}, não é o JSON do Entra): um proxy, firewall ou portal cativo',

  'entra.network.dnsNotFound': 'o nome {host} não existe no DNS: o host de login está escrito errado, ou o DNS desta rede não o resolve',
  'entra.network.dnsTimeout': 'nenhum servidor DNS respondeu a tempo para {host}',
  'entra.network.dnsNoNetwork': 'nenhum servidor DNS pôde ser alcançado para resolver {host}: esta máquina parece estar sem rede',
  'entra.network.dnsFailed': 'a resolução de {host} falhou ({code})',
  'entra.network.refused': '{host} recusou a conexão na porta {port}: algo entre esta máquina e a Microsoft rejeita HTTPS para o host de login',
  'entra.network.connectTimeout':
    'sem conexão com {host} na porta {port} em {seconds} s: provavelmente um firewall está descartando HTTPS para o host de login',
  'entra.network.reset': 'a conexão com {host} foi cortada (reset): muitas vezes um firewall ou proxy que inspeciona o tráfego',
  'entra.network.unreachable': 'não há rota desta máquina até {host}',
  'entra.network.untrusted':
    'o certificado apresentado para {host} não é confiável: normalmente um firewall ou proxy que inspeciona o TLS (inspeção de TLS) e reassina com o próprio certificado raiz',
  'entra.network.untrustedIssuer':
    'o certificado apresentado para {host} foi emitido por “{issuer}”, em que esta máquina não confia: normalmente um firewall ou proxy que inspeciona o TLS e reassina com o próprio certificado raiz',
  'entra.network.certificateDates': 'o certificado apresentado para {host} está vencido ou ainda não é válido (ou o relógio desta máquina está errado)',
  'entra.network.hostnameMismatch': 'o certificado apresentado para {host} é de outro nome: algo intercepta a conexão, ou endpoints.login está errado',
  'entra.network.tlsFailed': 'o handshake TLS com {host} falhou ({code})',
  'entra.network.proxyUnreachable': 'não foi possível alcançar o proxy {proxy}',
  'entra.network.proxyAuth': 'o proxy {proxy} exige login (HTTP 407)',
  'entra.network.proxyRejected': 'o proxy {proxy} se recusou a abrir um túnel para {host} (HTTP {status})',
  'entra.network.noAnswer': '{host} aceitou a conexão mas não respondeu em {seconds} s',
  'entra.network.tooLarge': 'a resposta de {host} foi muito maior que qualquer resposta do Entra (não foi o Entra que respondeu)',
  'entra.network.aborted': 'a solicitação para {host} foi interrompida',
  'entra.network.failed': 'a solicitação para {host} falhou ({code})',

  'entra.fix.tenantId':
    'Centro de administração do Microsoft Entra › Visão geral › copie o ID do Locatário (ou Registros de aplicativo › o aplicativo › Visão geral › ID do diretório (locatário)) para auth.tenantId.',
  'entra.fix.tenantDomain':
    '{tenant} precisa ser um domínio verificado no locatário (Centro de administração do Microsoft Entra › Nomes de domínio); o domínio inicial do locatário, …onmicrosoft.com, ou o ID do Locatário (um GUID) sempre funcionam.',
  'entra.fix.tenantMalformed':
    'auth.tenantId contém {tenant}: escreva o ID do Locatário (um GUID como 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c) ou um domínio do locatário.',
  'entra.fix.tenantOtherCloud':
    'O arquivo diz cloud: {cloud}. Se a organização usa uma nuvem nacional (Governo dos EUA, ou China operada pela 21Vianet), escreva a nuvem dela ({others}):',
  'entra.fix.secretValue':
    'auth.clientSecret precisa ser o Valor de um segredo do cliente do aplicativo {app} — a coluna Valor, mostrada uma única vez ao criar o segredo —, não o ID do segredo nem outro ID.',
  'entra.fix.secretIdNotValue':
    'A coluna ID do segredo em Certificados e segredos é um GUID que só identifica o segredo; ele nunca autentica. O Valor é um texto mais longo (cerca de 40 caracteres) que o portal mostra só logo depois de criar o segredo.',
  'entra.fix.newSecret':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Certificados e segredos › Segredos do cliente › Novo segredo do cliente › descrição e validade › Adicionar › copie o Valor na hora (depois ele fica oculto).',
  'entra.fix.secretInEnv': 'Coloque o novo Valor na variável de ambiente {name}.',
  'entra.fix.secretInFile': 'Coloque o novo Valor no arquivo {file}.',
  'entra.fix.secretInConfig': 'Coloque o novo Valor de onde auth.clientSecret é lido (de preferência uma variável de ambiente: clientSecret: ${env:NOME}).',
  'entra.fix.secretTactium':
    'Coloque o mesmo Valor nas configurações de e-mail da Tactium, e escreva o ID do segredo novo em auth.secretId para que a validade dele seja verificada.',
  'entra.fix.secretExpiry':
    'Exclua o segredo vencido quando nada mais o usar, e escreva a nova data de validade em auth.secretExpiresOn para que as execuções agendadas avisem com 30 dias de antecedência.',
  'entra.fix.checkIds':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › Todos os aplicativos › procure {app} › Visão geral: o ID do aplicativo (cliente) precisa ser {app} e o ID do diretório (locatário) precisa ser {tenant}. Copie os dois de lá para auth.clientId e auth.tenantId.',
  'entra.fix.appOtherTenant':
    'Se o aplicativo está registrado em outro locatário (um aplicativo multilocatário), ele só existe em {tenant} depois que um administrador de {tenant} concede o consentimento:',
  'entra.fix.adminConsentUrl': 'Consentimento do administrador para este locatário e cliente (um administrador abre e aceita):',
  'entra.fix.enableApp':
    'Centro de administração do Microsoft Entra › Aplicativos empresariais › Todos os aplicativos › {app} › Propriedades › “Habilitado para os usuários entrarem?” › Sim › Salvar.',
  'entra.fix.otherCloud': 'Escreva a nuvem onde o locatário está (entra.tenant mostra qual é):',
  'entra.fix.scope':
    'O escopo {scope} vem de cloud: {cloud}; confira se é a nuvem do locatário (entra.tenant mostra qual é). Se for, informe a Tactium com as evidências.',
  'entra.fix.exchangeLicence':
    'Centro de administração do Microsoft 365 › Cobrança › Seus produtos: o locatário precisa de uma assinatura com Exchange Online, e a caixa de correio de uma licença (uma caixa compartilhada não precisa).',
  'entra.fix.exchangeTenant': 'Confira se auth.tenantId ({tenant}) é o locatário que tem as caixas de correio.',
  'entra.fix.conditionalAccess':
    'Centro de administração do Microsoft Entra › Proteção › Acesso Condicional › Políticas: encontre a política para identidades de carga de trabalho que bloqueia {app} (por exemplo, por local) e exclua o aplicativo ou o local de onde a Tactium se conecta.',
  'entra.fix.signInLogs':
    'Centro de administração do Microsoft Entra › Monitoramento e integridade › Logs de entrada › Entradas da entidade de serviço: a entrada que falhou (ID de correlação {correlation}) mostra qual política foi aplicada.',
  'entra.fix.grantConsent':
    'Centro de administração do Microsoft Entra › Registros de aplicativo › {app} › Permissões de API › Conceder consentimento do administrador para o locatário.',
  'entra.fix.retryLater': 'Rode a verificação de novo em alguns minutos; se continuar falhando, veja a integridade dos serviços do Microsoft 365.',
  'entra.fix.serviceHealth': 'Centro de administração do Microsoft 365 › Integridade › Integridade do serviço (Microsoft Entra, Exchange Online).',
  'entra.fix.errorLookup': 'Página da Microsoft para o AADSTS{aadsts}:',
  'entra.fix.unexpectedAnswer':
    'A resposta não veio do Entra: um proxy, firewall ou portal cativo entre esta máquina e {host} respondeu no lugar. Libere HTTPS para {host}, ou defina HTTPS_PROXY com o proxy que esta rede exige.',
  'entra.fix.clientRejected':
    'Confira auth.tenantId (um GUID ou um domínio, não “common” nem “organizations”), auth.clientId e endpoints.login (https); se estiverem certos, informe a Tactium com as evidências.',
  'entra.fix.seeCredentials': 'entra.credentials mostra por que o token não foi obtido, e a correção.',
  'entra.fix.loginHost': 'O host de login {host} vem de cloud: {cloud} (ou de endpoints.login no arquivo); confira-o.',
  'entra.fix.nslookup': 'Confira o nome a partir desta máquina:',
  'entra.fix.dnsServer': 'Confira a conexão de rede desta máquina e os servidores DNS (pode ser preciso uma VPN ou o DNS da empresa).',
  'entra.fix.firewall': 'O HTTPS de saída (TCP 443) para {host} precisa estar liberado a partir desta máquina (e dos servidores da Tactium).',
  'entra.fix.useProxy':
    'Se esta rede só chega à internet por um proxy, defina HTTPS_PROXY antes de rodar a ferramenta (NO_PROXY lista os hosts acessados diretamente):',
  'entra.fix.proxyPowerShell': 'Windows PowerShell:',
  'entra.fix.proxyPosix': 'Linux e macOS:',
  'entra.fix.tlsInspection':
    'Um firewall ou proxy que inspeciona TLS troca o certificado da Microsoft para {host} por um assinado pelo próprio certificado raiz. Ou exclua os hosts de login da Microsoft da inspeção, ou faça esta ferramenta confiar nessa raiz:',
  'entra.fix.caFile': 'Salve o certificado raiz da empresa (PEM) ao lado do arquivo de configuração e aponte tls.caFile para ele:',
  'entra.fix.caFileExport':
    'A equipe de TI tem esse certificado raiz (é o que o firewall usa para assinar; no Windows costuma estar em Autoridades de Certificação Raiz Confiáveis). Exporte-o como “X.509 codificado na base 64 (.CER)”, que é PEM.',
  'entra.fix.tlsOther': 'Algo entre esta máquina e {host} interfere no TLS; tente de outra rede, ou pergunte à equipe de TI se a conexão é interceptada.',
  'entra.fix.proxyCheck': 'Confira {variable} ({proxy}): o endereço e a porta do proxy, e se ele está no ar e acessível a partir desta máquina.',
  'entra.fix.proxyCredentials': 'Informe as credenciais do proxy na variável (ou peça à equipe de TI um proxy que não exija login para esta ferramenta):',
  'entra.fix.proxyAllow':
    'O proxy {proxy} precisa permitir túneis HTTPS (CONNECT) para {host}; peça à equipe de TI para liberar, ou inclua o host em NO_PROXY se ele puder ser acessado diretamente.',

  'entra.evidence.tenant': 'Locatário (configurado)',
  'entra.evidence.tenantGuid': 'ID do Locatário',
  'entra.evidence.cloudInstance': 'Instância de nuvem',
  'entra.evidence.regionScope': 'Região do locatário',
  'entra.evidence.graphHost': 'Host do Microsoft Graph',
  'entra.evidence.cloudGraphHost': 'Host do Azure AD Graph',
  'entra.evidence.configuredCloud': 'Nuvem (configurada)',
  'entra.evidence.endpoint': 'Endpoint',
  'entra.evidence.address': 'Endereço',
  'entra.evidence.proxy': 'Proxy',
  'entra.evidence.proxyStatus': 'Resposta do proxy',
  'entra.evidence.certificateSubject': 'Certificado apresentado',
  'entra.evidence.certificateIssuer': 'Certificado emitido por',
  'entra.evidence.networkError': 'Erro de rede',
  'entra.evidence.elapsed': 'Tempo',
  'entra.evidence.httpStatus': 'Status HTTP',
  'entra.evidence.contentType': 'Tipo de conteúdo',
  'entra.evidence.answer': 'Resposta',
  'entra.evidence.retryAfter': 'Retry-After',
  'entra.evidence.aadsts': 'AADSTS',
  'entra.evidence.oauthError': 'Erro OAuth',
  'entra.evidence.entraMessage': 'Mensagem do Entra',
  'entra.evidence.correlationId': 'ID de correlação',
  'entra.evidence.traceId': 'ID de rastreamento',
  'entra.evidence.timestamp': 'Data e hora',
  'entra.evidence.msalError': 'Erro da biblioteca',
  'entra.evidence.clientId': 'ID do aplicativo (cliente)',
  'entra.evidence.scope': 'Escopo',
  'entra.evidence.secretId': 'ID do segredo (configurado)',
  'entra.evidence.secretReference': 'Segredo do cliente lido de',
  'entra.evidence.secretExpiresOn': 'Validade do segredo (configurada)',
  'entra.evidence.tokenExpires': 'Token expira em',
  'entra.evidence.clockSkew': 'Relógio do Entra vs. desta máquina',
  'entra.evidence.audience': 'Audiência do token (aud)',
  'entra.evidence.tokenTenant': 'Locatário do token (tid)',
  'entra.evidence.tokenClient': 'Cliente do token (appid)',
  'entra.evidence.roles': 'Roles do token',
  'entra.evidence.neededRoles': 'Roles necessárias',
  'entra.evidence.objectId': 'ID do Objeto (configurado)',
  'entra.evidence.tokenObjectId': 'ID do Objeto do aplicativo empresarial (oid do token)',
  'entra.evidence.appRegistrationObjectId': 'ID do Objeto do registro do aplicativo',

  // Verificações do diretório pelo Microsoft Graph e a entrada --admin (entra.app, entra.redirect-uri,
  // entra.secret-expiry, entra.permissions, entra.admin-consent, entra.admin-user, entra.mailbox).
  'entra.cli.admin': 'entrar como administrador do diretório (Microsoft Graph, somente leitura) para rodar as verificações do diretório',
  'entra.notApplicable.notDelegatedFlow': 'só para o fluxo delegado (auth.flow: delegated)',
  'entra.notApplicable.noRedirectUri': 'auth.redirectUri não está configurado',
  'entra.notApplicable.noAdminUser': 'admin.user não está configurado',

  'entra.directory.noAccess': 'precisa de acesso ao diretório: rode com --admin, ou dê ao aplicativo as permissões de aplicativo {permissions}',
  'entra.directory.adminFailed': 'a entrada do administrador não deu certo ({code}) e o aplicativo não consegue ler o diretório sozinho',
  'entra.directory.adminNeedsTerminal':
    '--admin precisa de uma pessoa num terminal interativo para entrar, e aqui não há; o aplicativo não consegue ler o diretório sozinho',
  'entra.directory.adminNeedsTerminalCi': '--admin não faz a entrada quando CI está definida, e o aplicativo não consegue ler o diretório sozinho',
  'entra.directory.deniedApp': 'o diretório se recusou a responder ao aplicativo {who} (HTTP {status} {code}): falta a permissão de aplicativo {permissions}',
  'entra.directory.deniedAdmin':
    'o diretório se recusou a responder a {who} (HTTP {status} {code}): falta {permissions} na entrada, ou a função do administrador não permite ler isto',
  'entra.directory.throttled': 'o Microsoft Graph está limitando as requisições (HTTP 429, Retry-After {retryAfter})',
  'entra.directory.unavailable': 'o Microsoft Graph não conseguiu responder (HTTP {status}): um problema do lado da Microsoft',
  'entra.directory.refusedRequest': 'o Microsoft Graph recusou a requisição (HTTP {status} {code})',
  'entra.directory.fix.admin': 'Rode as verificações do diretório com a entrada de um administrador (somente leitura: {scopes}), num terminal:',
  'entra.directory.fix.appPermissions':
    'Ou deixe o próprio aplicativo ler o diretório: Registros de aplicativo › o aplicativo {app} › Permissões de API › Adicionar uma permissão › Microsoft Graph › Permissões de aplicativo › {permissions} › Adicionar permissões › Conceder consentimento do administrador',
  'entra.directory.fix.adminScopes':
    'Entre de novo com --admin e aceite as permissões pedidas ({scopes}); um cliente de entrada próprio (admin.clientId) precisa tê-las concedidas.',

  'entra.signin.start': 'Entrada do administrador no locatário {tenant}, somente leitura ({scopes}), pelo Microsoft Graph Command Line Tools ({client}).',
  'entra.signin.startOwnClient': 'Entrada do administrador no locatário {tenant}, somente leitura ({scopes}), pelo seu aplicativo {client} (admin.clientId).',
  'entra.signin.as': 'Entre como {user} (admin.user).',
  'entra.signin.deviceCode': 'Abra {url} em qualquer navegador e digite o código {code} (válido por {minutes} minutos).',
  'entra.signin.deviceCodeRefused': 'Este locatário não permite entrar com código de dispositivo (AADSTS{aadsts}); a entrada será pelo navegador.',
  'entra.signin.paste.open':
    'Abra este endereço num navegador e entre. Depois o navegador vai para {redirect}…, uma página que não carrega: copie esse endereço da barra de endereços.',
  'entra.signin.paste.ask': 'Cole o endereço para onde o navegador foi (começa com {redirect}; fica oculto enquanto você digita):',
  'entra.signin.done': 'Entrada feita como {user} no locatário {tenant}.',
  'entra.signin.failed': 'A entrada do administrador no locatário {tenant} não deu certo; as verificações do diretório dizem por quê.',
  'entra.signin.noTerminal':
    'O --admin precisa de uma pessoa no terminal (entrada e saída de erro, sem CI): nenhuma entrada de administrador foi iniciada; as verificações do diretório dizem o que conseguiram ler sem ela.',
  'entra.signin.fix.again': 'Rode de novo com --admin e conclua a entrada no navegador.',
  'entra.signin.fix.ci': 'Rode com --admin num terminal interativo, sem a variável CI; para a CI, dê ao aplicativo permissões de leitura.',
  'entra.signin.fix.terminal': 'Rode com --admin num terminal interativo: uma pessoa entra pelo navegador.',
  'entra.signin.fix.conditionalAccess':
    'Centro de administração do Entra › Acesso Condicional › Políticas: a política que bloqueou esta entrada (Monitoramento e integridade › Logs de entrada, ID de correlação {correlation}); rode --admin num dispositivo que ela permita.',
  'entra.signin.fix.ownClient':
    'Ou registre um aplicativo próprio somente leitura (Directory.Read.All e RoleManagement.Read.Directory delegadas, com consentimento do administrador, URI de redirecionamento http://localhost em Aplicativos móveis e da área de trabalho, fluxos de cliente público permitidos) e escreva o ID dele em admin.clientId.',
  'entra.signin.fix.consent': 'Um administrador concede uma vez as permissões de leitura a {client}, neste endereço:',
  'entra.signin.fix.publicClient':
    'Registros de aplicativo › o aplicativo {client} › Autenticação: Permitir fluxos de clientes públicos = Sim, e um URI de redirecionamento {redirect} em Aplicativos móveis e da área de trabalho.',
  'entra.signin.fix.adminClientId': 'admin.clientId {client} não é um aplicativo deste locatário: confira o ID do aplicativo (cliente).',
  'entra.signin.fix.paste': 'Cole o endereço inteiro da barra de endereços do navegador depois de entrar (começa com {redirect} e contém code=).',
  'entra.signin.fix.pasteState': 'O endereço colado responde a outra entrada (uma aba antiga): abra o endereço novo, entre e cole a resposta dele.',

  'entra.app.title': 'O registro do aplicativo existe neste locatário',
  'entra.app.pass': 'o registro do aplicativo “{name}” ({app}) existe neste locatário; público de entrada {audience}',
  'entra.app.notFound':
    'não há registro de aplicativo com o ID do aplicativo (cliente) {app} no locatário {tenant}: o ID do cliente está errado, ou o aplicativo está registrado em outro locatário',
  'entra.app.otherTenant':
    'o aplicativo {app} (“{name}”) está registrado em outro locatário ({owner}); este locatário só tem o aplicativo empresarial dele, então URIs de redirecionamento, segredos e permissões não podem ser lidos aqui',
  'entra.app.fix.otherTenant':
    'Rode as verificações do diretório no locatário dono do registro ({owner}), ou peça ao administrador dele os URIs de redirecionamento, os segredos e as permissões.',
  'entra.app.personalOnly':
    'o aplicativo {app} (“{name}”) aceita só contas Microsoft pessoais (signInAudience PersonalMicrosoftAccount): não entra com conta corporativa nem obtém token do Exchange Online',
  'entra.app.fix.audience':
    'Registre um aplicativo para “Contas somente neste diretório organizacional” (Registros de aplicativo › Novo registro), ou ponha signInAudience AzureADMyOrg no Manifesto do aplicativo.',

  'entra.redirect-uri.title': 'O URI de redirecionamento está registrado exatamente, na plataforma Web',
  'entra.redirect.pass': '{uri} está registrado exatamente, na plataforma Web',
  'entra.redirect.spaOnly':
    '{uri} está registrado só como URI de redirecionamento de Aplicativo de página única: um servidor como o Tactium não consegue trocar o código pelo token com o segredo do cliente ali (AADSTS9002327)',
  'entra.redirect.publicClientOnly':
    '{uri} está registrado só em Aplicativos móveis e da área de trabalho (cliente público): um código trocado ali com o segredo do cliente é recusado (AADSTS700025)',
  'entra.redirect.nearMiss':
    '{uri} não está registrado; o mais parecido é {registered} ({platform}), que difere em: {differences}. A entrada falharia com AADSTS50011',
  'entra.redirect.mismatch': '{uri} não está entre os {count} URIs de redirecionamento registrados no aplicativo: a entrada falharia com AADSTS50011',
  'entra.redirect.none':
    'o aplicativo não tem nenhum URI de redirecionamento: {uri} precisa ser adicionado na plataforma Web (a entrada falha com AADSTS50011)',
  'entra.redirect.fix.addWeb':
    'Registros de aplicativo › o aplicativo {app} › Autenticação › Adicionar uma plataforma › Web (ou a plataforma Web que já existe) › adicione o URI de redirecionamento exatamente como o Tactium envia: {uri} › Configurar / Salvar',
  'entra.redirect.fix.removeOther': 'Na mesma página, tire {uri} de {platform}, para o Entra não tratá-lo como dessa plataforma.',
  'entra.redirect.fix.orTactium':
    'Ou, se {registered} é o endereço que o Tactium usa de fato, escreva-o em auth.redirectUri e nas configurações de e-mail do Tactium.',

  'entra.secret-expiry.title': 'O segredo do cliente é do aplicativo e não está perto de expirar',
  'entra.secret.valid': 'o segredo do cliente expira em {date}, daqui a {days} dias',
  'entra.secret.expiring': 'o segredo do cliente expira em {date}, daqui a {days} dias: crie o próximo e atualize o Tactium antes disso',
  'entra.secret.expired': 'o segredo do cliente expirou em {date}, há {days} dias: o Entra o recusa (AADSTS7000222)',
  'entra.secret.validFile': 'o segredo do cliente expira em {date}, daqui a {days} dias (data de auth.secretExpiresOn: o diretório não pôde ser lido)',
  'entra.secret.expiringFile':
    'o segredo do cliente expira em {date}, daqui a {days} dias (data de auth.secretExpiresOn: o diretório não pôde ser lido): crie o próximo e atualize o Tactium antes disso',
  'entra.secret.expiredFile': 'o segredo do cliente expirou em {date}, há {days} dias (data de auth.secretExpiresOn: o diretório não pôde ser lido)',
  'entra.secret.none': 'o aplicativo {app} não tem nenhum segredo do cliente',
  'entra.secret.idNotFound':
    'o ID do segredo {secretId} não é nenhum dos {count} segredos do cliente do aplicativo {app}: foi excluído, ou é de outro aplicativo',
  'entra.secret.valueNotFound':
    'nenhum dos {count} segredos do cliente do aplicativo {app} começa como o valor configurado: o valor é de outro aplicativo, ou não é o Valor de um segredo',
  'entra.secret.unidentified': 'o aplicativo tem {count} segredos do cliente e nada diz qual o Tactium usa (auth.secretId)',
  'entra.secret.noEnd': 'o segredo do cliente {keyId} não tem data de expiração',
  'entra.secret.fix.secretIdFromValue': 'O valor configurado é do segredo {keyId}: escreva o ID do segredo dele no arquivo.',
  'entra.secret.fix.findSecretId':
    'Registros de aplicativo › o aplicativo {app} › Certificados e segredos › Segredos do cliente: a coluna ID do segredo do segredo que o Tactium usa.',
  'entra.secret.fix.secretExpiresOn':
    'Ou escreva no arquivo a data de expiração que o portal mostra (Certificados e segredos › Segredos do cliente › Expira em), para que execuções sem acesso ao diretório ainda avisem a tempo:',
  'entra.secret.fix.updateFile': 'Depois de criar o novo segredo, escreva a data de expiração dele no arquivo:',

  'entra.permissions.title': 'O aplicativo tem as permissões do Exchange que o fluxo precisa',
  'entra.permissions.passApplication': 'o aplicativo tem as permissões de aplicativo {permissions} ({resource})',
  'entra.permissions.passDelegated': 'o aplicativo tem as permissões delegadas {permissions} ({resource})',
  'entra.permissions.missingApplication': 'faltam ao aplicativo {app} as permissões de aplicativo {missing} do Office 365 Exchange Online',
  'entra.permissions.missingDelegated': 'faltam ao aplicativo {app} as permissões delegadas {missing} (do Office 365 Exchange Online ou do Microsoft Graph)',
  'entra.permissions.delegatedForApplication':
    'o aplicativo tem {configured} como permissões delegadas, mas o fluxo é de aplicativo: precisa das permissões de aplicativo {needed}',
  'entra.permissions.applicationForDelegated':
    'o aplicativo tem {configured} como permissões de aplicativo, mas o fluxo é delegado: precisa das permissões delegadas {needed}',
  'entra.permissions.wrongResource':
    'a permissão {id} está listada em {listed}, mas é a {name} do {owner}: o manifesto mistura os dois recursos, e essa entrada não concede {name}',
  'entra.permissions.offlineAccess':
    'o aplicativo {app} tem as permissões de e-mail mas não offline_access: a menos que cada usuário consinta, o Tactium não recebe token de atualização e precisa entrar de novo dentro de uma hora',
  'entra.permissions.noExchange':
    'o locatário {tenant} não tem a entidade de serviço do Office 365 Exchange Online: não tem licença do Exchange Online, ou não é o locatário das caixas de correio',
  'entra.permissions.fix.addApplication':
    'Registros de aplicativo › o aplicativo {app} › Permissões de API › Adicionar uma permissão › APIs que minha organização usa › Office 365 Exchange Online › Permissões de aplicativo › {permissions} › Adicionar permissões',
  'entra.permissions.fix.addDelegated':
    'Registros de aplicativo › o aplicativo {app} › Permissões de API › Adicionar uma permissão › Microsoft Graph (ou APIs que minha organização usa › Office 365 Exchange Online) › Permissões delegadas › {permissions} › Adicionar permissões',
  'entra.permissions.fix.manifest':
    'Registros de aplicativo › o aplicativo {app} › Permissões de API: remova as entradas {ids} (ou apague-as de requiredResourceAccess no Manifesto) e adicione as permissões de novo com Adicionar uma permissão, que as põe no recurso certo',

  'entra.admin-consent.title': 'O consentimento do administrador foi concedido para essas permissões',
  'entra.consent.passApplication': 'o consentimento do administrador foi concedido para {permissions} (Office 365 Exchange Online)',
  'entra.consent.passDelegated': 'o consentimento para toda a organização foi concedido para {permissions}',
  'entra.consent.passMailboxUser':
    '{permissions} foram consentidas só pelo próprio usuário da caixa ({user}), não para toda a organização: basta quando esse usuário entra',
  'entra.consent.missingApplication':
    'falta o consentimento do administrador para {missing} (concedidas: {granted}): o token do Exchange não trará essas funções',
  'entra.consent.missingDelegated':
    'ninguém consentiu {missing} para este aplicativo: a entrada para num pedido de consentimento, ou em AADSTS65001 onde usuários não podem consentir',
  'entra.consent.usersOnly':
    'só alguns usuários consentiram por si (IDs {users}), não toda a organização nem o usuário da caixa {mailbox}: qualquer outro que entrar terá de consentir',
  'entra.consent.offlineAccess':
    'as permissões de e-mail têm consentimento para toda a organização, mas offline_access não: os usuários terão de consentir ao entrar, ou serão recusados onde o consentimento de usuário está desligado',
  'entra.consent.noEnterpriseApp': 'o aplicativo {app} não tem aplicativo empresarial no locatário {tenant}: ninguém consentiu nele aqui ainda',
  'entra.consent.fix.portal':
    'Registros de aplicativo › o aplicativo {app} › Permissões de API › Conceder consentimento do administrador para <locatário> › Sim ({permissions} passam a mostrar “Concedido para …”); ou Aplicativos empresariais › o aplicativo › Segurança › Permissões › Conceder consentimento do administrador',
  'entra.consent.fix.configureFirst':
    'Uma permissão que não está em Permissões de API não pode ser consentida: adicione-a antes (entra.permissions diz quais).',

  'entra.admin-user.title': 'O administrador pode conceder consentimento e executar os passos do Exchange',
  'entra.adminUser.pass': '{user} pode conceder consentimento para todo o locatário ({consentRole}) e executar os passos do Exchange ({exchangeRole})',
  'entra.adminUser.notFound': 'não existe o usuário {user} no locatário {tenant}',
  'entra.adminUser.disabled': '{user} está bloqueado para entrar (accountEnabled false)',
  'entra.adminUser.noRoles':
    '{user} não tem nenhuma das funções necessárias: não pode conceder consentimento para o locatário nem executar os passos do Exchange',
  'entra.adminUser.cannotConsent':
    '{user} não pode conceder consentimento para todo o locatário: não é Administrador Global, de Funções Privilegiadas, de Aplicativos de Nuvem nem de Aplicativos',
  'entra.adminUser.cannotExchange':
    '{user} não pode executar os passos do Exchange (New-ServicePrincipal, Add-MailboxPermission): não é Administrador do Exchange nem Administrador Global',
  'entra.adminUser.mustActivate': '{user} tem {roles} como qualificado no Privileged Identity Management: a função precisa ser ativada antes dos passos',
  'entra.adminUser.noExchangeDelegated':
    '{user} pode conceder consentimento ({consentRole}) mas não é administrador do Exchange: dar a um usuário FullAccess numa caixa compartilhada exige um',
  'entra.adminUser.noExchangeDelegatedUnread':
    '{user} pode conceder consentimento ({consentRole}) e não tem diretamente um papel de administrador do Exchange; os papéis recebidos por grupos atribuíveis a papéis não puderam ser lidos, então ele pode vir de um grupo (dar a um usuário FullAccess numa caixa compartilhada exige um)',
  'entra.adminUser.groupRolesUnread':
    '{user} não tem nenhuma função necessária atribuída diretamente, e as funções recebidas por grupos atribuíveis a funções não puderam ser lidas: a função pode vir de um grupo em vez de estar faltando (a evidência mostra para qual tarefa)',
  'entra.adminUser.fix.findUser':
    'Centro de administração do Entra › Usuários › Todos os usuários: confira o nome de usuário exato do administrador ({user} não foi encontrado).',
  'entra.adminUser.fix.yaml': 'Escreva no arquivo o nome principal de usuário (UPN) do administrador:',
  'entra.adminUser.fix.enable':
    'Centro de administração do Entra › Usuários › {user} › Editar propriedades › Configurações › Conta habilitada; ou indique outro administrador',
  'entra.adminUser.fix.assign':
    'Centro de administração do Entra › Funções e administradores › {roles} › Adicionar atribuições › {user} (com PIM: Governança de Identidade › Privileged Identity Management › Funções do Microsoft Entra)',
  'entra.adminUser.fix.activate':
    'Antes dos passos, o administrador ativa {roles}: Centro de administração do Entra › Governança de Identidade › Privileged Identity Management › Minhas funções › Atribuições qualificadas › Ativar',
  'entra.adminUser.fix.checkGroupRoles':
    'Centro de administração do Entra › Usuários › {user} › Funções atribuídas: a lista inclui as funções recebidas por grupos; atribua a que falta só se ela não estiver lá',

  'entra.mailbox.title': 'A caixa de correio existe neste locatário',
  'entra.mailbox.pass': '{mailbox} é um usuário habilitado e licenciado ({upn})',
  'entra.mailbox.shared': '{mailbox} é uma caixa de correio compartilhada (sem licença, entrada bloqueada), como o Exchange a cria',
  'entra.mailbox.sharedDelegated':
    '{mailbox} é uma caixa de correio compartilhada (sem licença, entrada bloqueada), como o Exchange a cria; no fluxo delegado, entra um usuário licenciado com FullAccess nela',
  'entra.mailbox.notFound':
    'nenhum usuário do locatário {tenant} tem o endereço {mailbox}: erro de digitação, ou é o endereço de um contato, grupo ou lista de distribuição, que não têm caixa para entrar',
  'entra.mailbox.guest': '{mailbox} é um usuário convidado: a caixa dele fica na organização dele, não neste locatário',
  'entra.mailbox.disabledDelegated': '{mailbox} é um usuário licenciado bloqueado para entrar: a entrada delegada como esse usuário falha (AADSTS50057)',
  'entra.mailbox.disabledApplication':
    '{mailbox} é um usuário licenciado bloqueado para entrar; o acesso só de aplicativo não faz entrada e pode funcionar, mas confirme que a caixa deve mesmo estar em uso',
  'entra.mailbox.noLicence':
    '{mailbox} é um usuário habilitado sem nenhuma licença: uma caixa de usuário precisa de licença do Exchange Online (uma caixa compartilhada não, mas aí a entrada fica bloqueada)',
  'entra.mailbox.fix.recipients':
    'Centro de administração do Exchange › Destinatários › Caixas de correio (e Contatos, Grupos): procure {mailbox} para ver o que é; uma caixa compartilhada aparece em Caixas de correio como SharedMailbox',
  'entra.mailbox.fix.address': 'Escreva em mailbox o endereço principal de um usuário ou de uma caixa compartilhada deste locatário.',
  'entra.mailbox.fix.unblock':
    'Centro de administração do Microsoft 365 › Usuários › Usuários ativos › {mailbox} › Desbloquear entrada (se esse usuário deve entrar)',
  'entra.mailbox.fix.convertShared':
    'Se uma equipe a usa, converta-a em caixa compartilhada (Centro de administração do Exchange › Destinatários › Caixas de correio › a caixa › Converter em caixa de correio compartilhada) e entre como um usuário licenciado com FullAccess.',
  'entra.mailbox.fix.licence':
    'Centro de administração do Microsoft 365 › Usuários › Usuários ativos › {mailbox} › Licenças e aplicativos: atribua uma licença que inclua o Exchange Online; ou converta-a em caixa compartilhada',

  'entra.evidence.directoryReader': 'Diretório lido como',
  'entra.evidence.adminSignIn': 'Entrada do administrador',
  'entra.evidence.signInClient': 'Cliente de entrada',
  'entra.evidence.appGraphToken': 'Token do Microsoft Graph do aplicativo',
  'entra.evidence.graphRequest': 'Requisição ao Graph',
  'entra.evidence.graphCode': 'Código de erro do Graph',
  'entra.evidence.graphMessage': 'Mensagem do Graph',
  'entra.evidence.graphRequestId': 'request-id do Graph',
  'entra.evidence.appName': 'Nome do aplicativo',
  'entra.evidence.signInAudience': 'Público de entrada',
  'entra.evidence.enterpriseAppObjectId': 'ID do Objeto do aplicativo empresarial',
  'entra.evidence.appOwnerTenant': 'Locatário do registro do aplicativo',
  'entra.evidence.redirectConfigured': 'URI de redirecionamento (configurado)',
  'entra.evidence.redirectWeb': 'URIs de redirecionamento Web',
  'entra.evidence.redirectSpa': 'URIs de redirecionamento de Aplicativo de página única',
  'entra.evidence.redirectPublicClient': 'URIs de redirecionamento móveis e da área de trabalho',
  'entra.evidence.redirectNearMiss': 'Quase igual',
  'entra.evidence.appSecret': 'Segredo do cliente do aplicativo',
  'entra.evidence.secretKeyId': 'ID do segredo',
  'entra.evidence.secretDescription': 'Descrição',
  'entra.evidence.secretEnd': 'Expira em (diretório)',
  'entra.evidence.secretDaysLeft': 'Dias restantes',
  'entra.evidence.directoryUnreadable': 'Diretório não lido',
  'entra.evidence.flow': 'Fluxo',
  'entra.evidence.permissionsNeeded': 'Permissões necessárias',
  'entra.evidence.permissionsConfigured': 'Permissões configuradas',
  'entra.evidence.permissionMisplaced': 'Permissão no recurso errado',
  'entra.evidence.permissionUnknown': 'ID de permissão não encontrado',
  'entra.evidence.consentGranted': 'Consentimento concedido',
  'entra.evidence.consentGrant': 'Concessão delegada',
  'entra.evidence.adminUser': 'Administrador',
  'entra.evidence.activeRoles': 'Funções ativas',
  'entra.evidence.eligibleRoles': 'Funções qualificadas (PIM)',
  'entra.evidence.dutyConsent': 'Consentimento para o locatário',
  'entra.evidence.dutyExchange': 'Passos do Exchange',
  'entra.evidence.roleGroups': 'Grupos atribuíveis a funções de que o administrador é membro',
  'entra.evidence.groupRoles': 'Funções recebidas por grupos',
  'entra.evidence.groupRolesUnread': 'Funções recebidas por grupos não verificadas',
  'entra.evidence.groupsWithoutKind': 'Grupos listados sem as propriedades (lê-las exige GroupMember.Read.All, Group.Read.All ou Directory.Read.All)',
  'entra.evidence.roleGroupsSkipped': 'Grupos atribuíveis a funções não lidos (só os 20 primeiros são lidos)',
  'entra.evidence.mailbox': 'Caixa de correio',
  'entra.evidence.mailboxUser': 'Usuário do diretório',
  'entra.evidence.accountEnabled': 'Entrada permitida (accountEnabled)',
  'entra.evidence.licences': 'Licenças',
  'entra.evidence.userType': 'Tipo de usuário',
  // RBAC para aplicativos: o escopo ao qual a atribuição de função se limita.
  'entra.roles.fix.managementScope': 'Crie um escopo de gerenciamento com {mailbox} (uma vez por caixa; a atribuição abaixo fica limitada a ele):',
  'entra.directory.appGraphRefused':
    'precisa de acesso ao diretório: o Entra recusou ao aplicativo um token do Microsoft Graph ({code}), e --admin não foi usado',
  'entra.directory.appGraphUnreachable':
    'precisa de acesso ao diretório: o pedido do token do Microsoft Graph do aplicativo não chegou ao destino ({code}), e --admin não foi usado',
  'entra.directory.appGraphFailed':
    'precisa de acesso ao diretório: o pedido do token do Microsoft Graph do aplicativo não deu um token ({code}), e --admin não foi usado',
} as const satisfies Record<keyof typeof en, string>;
