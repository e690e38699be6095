import type { mail as en } from '../en/mail.js';

export const mail = {
  'mail.evidence.host': 'servidor',
  'mail.evidence.port': 'porta',
  'mail.evidence.security': 'segurança',
  'mail.evidence.address': 'endereço tentado',
  'mail.evidence.attempts': 'tentativas',
  'mail.evidence.localAddress': 'endereço local',
  'mail.evidence.elapsed': 'tempo gasto',
  'mail.evidence.stage': 'etapa',
  'mail.evidence.serverReply': 'resposta do servidor',
  'mail.evidence.greeting': 'saudação',
  'mail.evidence.systemError': 'erro do sistema',
  'mail.evidence.proxy': 'proxy HTTP configurado',
  'mail.evidence.tlsProtocol': 'versão do TLS',
  'mail.evidence.tlsCipher': 'cifra',
  'mail.evidence.certSubject': 'titular do certificado',
  'mail.evidence.certIssuer': 'emissor do certificado',
  'mail.evidence.certNames': 'nomes no certificado',
  'mail.evidence.certValidFrom': 'válido a partir de',
  'mail.evidence.certValidTo': 'válido até',
  'mail.evidence.certDaysLeft': 'dias restantes',
  'mail.evidence.certChain': 'cadeia de certificados (a do servidor primeiro)',
  'mail.evidence.certTrust': 'confiança na cadeia',
  'mail.evidence.certHostname': 'verificação do nome do servidor',
  'mail.evidence.certFingerprint': 'impressão digital SHA-256',

  'mail.connect.dnsNotFound': '{host} não resolve para nenhum endereço ({code}), então o {protocol} não consegue conectar',
  'mail.connect.dnsTimeout': 'Nenhum servidor DNS respondeu a tempo para {host}, então o {protocol} não consegue conectar',
  'mail.connect.dnsFailed': 'A resolução de {host} falhou ({code}), então o {protocol} não consegue conectar',
  'mail.connect.refused': 'A conexão com {host} porta {port} ({address}) foi recusada após {ms} ms: nada escuta nessa porta, ou um firewall rejeita a conexão',
  'mail.connect.timeout': 'Sem resposta de {host} porta {port} ({address}) em {ms} ms: provavelmente um firewall está descartando a conexão',
  'mail.connect.reset':
    'A conexão com {host} porta {port} ({address}) foi reiniciada (reset): o servidor ou um equipamento de segurança no caminho a interrompeu',
  'mail.connect.unreachable': 'Esta máquina não tem rota até {host} ({address}): a rede ou a VPN não chega lá',
  'mail.connect.blockedLocally':
    'Esta máquina se recusou a abrir uma conexão com {host} porta {port}: um firewall local ou software de segurança está bloqueando',
  'mail.connect.greetingTimeout': '{host} porta {port} aceitou a conexão, mas o servidor não enviou a saudação em {ms} ms',
  'mail.connect.closed': '{host} porta {port} fechou a conexão antes de a troca {protocol} terminar',
  'mail.connect.replyTimeout': '{host} parou de responder durante {stage} (nenhuma resposta completa em {ms} ms)',
  'mail.connect.lineTooLong': '{host} enviou uma linha maior que qualquer resposta {protocol} real durante {stage}; a conexão foi encerrada',
  'mail.connect.replyTooLong': '{host} enviou uma resposta maior que qualquer resposta {protocol} real durante {stage}; a conexão foi encerrada',
  'mail.connect.unexpectedReply': '{host} respondeu "{reply}" durante {stage}, o que o {protocol} não permite nesse ponto',
  'mail.connect.wrongProtocol': '{host} porta {port} responde como {other}, não como {protocol}: a porta configurada está errada',
  'mail.connect.greetingRejected': '{host} recusou a conexão em vez de enviar a saudação: "{reply}"',
  'mail.connect.starttlsOnImplicitTlsPort':
    '{host} porta {port} espera TLS desde o primeiro byte (TLS implícito), mas a conta está configurada com "security: {security}"',
  'mail.connect.implicitTlsOnStarttlsPort':
    '{host} porta {port} fala primeiro em texto puro (STARTTLS), mas a conta está configurada com "security: tls" (TLS implícito)',

  'mail.tls.pass': '{version} com {cipher}; o certificado é válido para {host} até {validTo} (faltam {days} dias)',
  'mail.tls.expiring': 'O certificado de {host} vence em {days} dias ({validTo})',
  'mail.tls.expired': 'O certificado de {host} venceu em {validTo}',
  'mail.tls.notYetValid': 'O certificado de {host} só é válido a partir de {validFrom}',
  'mail.tls.hostnameMismatch': 'O certificado do servidor não contém o nome {host}; ele contém {names}',
  'mail.tls.untrusted': 'O certificado de {host} (emitido por {issuer}) não é confiável para esta máquina ({reason})',
  'mail.tls.selfSigned': 'O certificado de {host} é autoassinado e esta máquina não confia nele',
  'mail.tls.versionTooOld': '{host} porta {port} só negocia {version}; é preciso TLS 1.2 ou mais recente',
  'mail.tls.handshakeFailed': 'A negociação TLS com {host} porta {port} falhou ({reason})',
  'mail.tls.handshakeTimeout': 'A negociação TLS com {host} porta {port} não terminou em {ms} ms',
  'mail.tls.injection': '{host} enviou texto puro depois de aceitar iniciar o TLS e antes da negociação: alguém no caminho pode estar adulterando a conexão',
  'mail.tls.trusted': 'confiável',
  'mail.tls.hostnameValid': 'válido para {host}',

  'mail.fix.firewall':
    'Libere a saída TCP na porta {port} desta máquina para {host} no firewall (e também a partir dos servidores da Tactium, se passarem pelo mesmo firewall)',
  'mail.fix.testPortWindows': 'Teste a porta a partir de uma máquina Windows desta rede:',
  'mail.fix.testPortUnix': 'Ou no Linux/macOS:',
  'mail.fix.proxy':
    'Há um proxy HTTP configurado ({variable}), mas o {protocol} não passa por proxy HTTP: a saída TCP na porta {port} para {host} precisa ser liberada no firewall',
  'mail.fix.checkHost': 'Confira o nome do servidor no arquivo ({field}: {host}) com a documentação do provedor',
  'mail.fix.checkPort': 'Confira a porta no arquivo ({field}: {port}); o {protocol} costuma usar {expected}',
  'mail.fix.tarpit':
    'O servidor aceita conexões mas não responde: confirme que a porta {port} é mesmo a porta {protocol} de {host} e se algum equipamento de segurança está retendo a conexão',
  'mail.fix.serverSide':
    'O servidor ou um equipamento de segurança no caminho encerra a conexão: peça ao administrador do servidor de e-mail para verificar nos logs o endereço desta máquina',
  'mail.fix.changeSecurity': 'Altere a conta no arquivo para:',
  'mail.fix.renewCertificate': 'O administrador de {host} precisa renovar o certificado (e instalar o novo em todos os servidores por trás desse nome)',
  'mail.fix.checkClock': 'Confira a data e a hora desta máquina ({now}) e do servidor',
  'mail.fix.caFile':
    'Se um proxy ou firewall com inspeção de TLS, ou uma CA privada, emitiu este certificado, exporte o certificado raiz (PEM) e informe-o no arquivo em tls.caFile:',
  'mail.fix.intermediate':
    'Se o emissor for uma CA pública, o servidor talvez não esteja enviando o certificado intermediário: peça ao administrador de {host} para instalar a cadeia completa',
  'mail.fix.greetingRejected':
    'O servidor recusa o endereço desta máquina (muitas vezes uma lista de bloqueio ou regra de acesso): fale com o administrador e informe a resposta acima',
  'mail.fix.hostnameUseNamed': 'Use no arquivo ({field}) um nome que conste no certificado ({names})',
  'mail.fix.hostnameAskAdmin': 'Ou peça ao administrador do servidor um certificado que contenha o nome {host}',
  'mail.fix.selfSigned':
    'Peça ao administrador de {host} um certificado de uma CA pública; se este certificado autoassinado for intencional, informe-o no arquivo em tls.caFile:',
  'mail.fix.tlsVersion':
    'O servidor precisa oferecer TLS 1.2 ou mais recente: peça ao administrador para habilitá-lo (o Microsoft 365 e o Gmail exigem TLS 1.2+)',
  'mail.fix.injection': 'Verifique se há proxy, antivírus ou firewall interceptando o tráfego de e-mail nesta rede e tente de novo a partir de outra rede',

  'mail.evidence.certOutOfDate': 'certificados fora da validade',
  'mail.tls.expiredLeaf': 'O certificado de {host} ("{subject}") venceu em {validTo}',
  'mail.tls.expiredIntermediate': 'O certificado intermediário "{subject}" da cadeia de {host} venceu em {validTo}',
  'mail.tls.expiredRoot': 'O certificado raiz "{subject}" ao qual a cadeia de {host} leva venceu em {validTo}',
  'mail.tls.notYetValidLeaf': 'O certificado de {host} ("{subject}") só é válido a partir de {validFrom}',
  'mail.tls.notYetValidIntermediate': 'O certificado intermediário "{subject}" da cadeia de {host} só é válido a partir de {validFrom}',
  'mail.tls.notYetValidRoot': 'O certificado raiz "{subject}" ao qual a cadeia de {host} leva só é válido a partir de {validFrom}',
  'mail.fix.outOfDateIntermediate':
    'O administrador de {host} precisa instalar o certificado intermediário atual da CA no lugar de "{subject}" (o servidor o envia junto com o próprio certificado)',
  'mail.fix.outOfDateRoot':
    'A raiz confiável "{subject}" está fora da validade: se ela vem de tls.caFile, substitua-a pela raiz atual dessa CA; senão, peça ao administrador de {host} um certificado de uma CA atual',
  // A credential that was not sent in clear text, and a login whose answer never came.
  'mail.auth.cleartextProvider': '{provider} nunca recebe uma credencial sem TLS: nada foi enviado a {host} ({protocol}, security: {security})',
  'mail.auth.cleartextOffered': '{host} oferece {command} ({protocol}), mas a conta está com "security: none": a credencial não foi enviada em texto aberto',
  'mail.auth.cleartextRefused': 'A conexão com {host} ({protocol}) não é criptografada: nenhuma credencial foi enviada',
  'mail.fix.cleartextUseStarttls': 'Criptografe a conexão antes do login ({host} oferece {command} nesta porta): mude a conta no arquivo para:',
  'mail.fix.cleartextProvider': '{provider} só aceita login sobre TLS: mude a conta no arquivo para:',
  'mail.auth.replyTimeout':
    '{host} não respondeu a {command} em {seconds} s depois de a credencial ser enviada: o resultado do login é desconhecido (servidores atrasam de propósito a resposta a um login que falhou)',
  'mail.fix.authReplyTimeout':
    'Não repita simplesmente a verificação: se este login falhou, outra falha pode bloquear a conta. Primeiro confirme a senha ou o token e o nome de login {user} (por exemplo, no webmail do provedor); depois faça a próxima tentativa dando mais tempo para o servidor responder: --timeout {seconds}',
  'mail.tls.downgradeSuspected':
    '{host} porta {port} recusou TLS 1.2+ na primeira negociação, mas negociou {protocol} numa segunda: algo no caminho da rede interferiu na primeira negociação; nada foi enviado',
  'mail.fix.downgradeSuspected':
    'Verifique se há firewall, antivírus ou proxy com inspeção de TLS entre esta máquina e {host} e depois execute a verificação de novo a partir de outra rede',

  'mail.tls.chainIncomplete':
    'O servidor {host} não envia seu certificado intermediário: o certificado dele é assinado por "{issuer}", que ele não envia e que não é uma raiz confiável',
  'mail.fix.chainIncomplete':
    'O administrador de {host} deve instalar a cadeia completa: o certificado do servidor seguido do certificado intermediário de "{issuer}" (a CA o entrega como arquivo "full chain" ou "bundle"). Muitos clientes de e-mail não buscam um intermediário ausente.',
  'mail.fix.chainIncompletePrivateCa': 'Só se "{issuer}" for a CA própria da sua organização: exporte-a (PEM) e indique-a no arquivo em tls.caFile:',
  'mail.evidence.missingIntermediate': 'intermediário ausente',
  'mail.evidence.caIssuers': 'URL de CA Issuers no certificado',

  'mail.evidence.serverFamily': 'software do servidor',
} as const satisfies Record<keyof typeof en, string>;
