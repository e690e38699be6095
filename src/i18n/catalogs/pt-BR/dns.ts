import type { dns as en } from '../en/dns.js';

export const dns = {
  'dns.incoming.title': 'O nome do servidor de recebimento é resolvido',
  'dns.outgoing.title': 'O nome do servidor de envio é resolvido',
  'dns.pass': '{host} resolve para {addresses}',
  'dns.pass.ipLiteral': '{host} é um endereço IP: não é preciso consultar o DNS',
  'dns.notFound': 'o nome {host} não existe no DNS (NXDOMAIN): há um erro de digitação em {field}?',
  'dns.noAddress': 'o nome {host} existe no DNS, mas não tem endereço (nenhum registro A ou AAAA)',
  'dns.timeout': 'o servidor DNS não respondeu em {seconds} s à consulta de {host}',
  'dns.noNetwork': 'nenhum servidor DNS pôde ser alcançado para resolver {host}: esta máquina parece estar sem conexão de rede',
  'dns.serverFailure': 'o servidor DNS não conseguiu resolver {host}: respondeu {reply}',
  'dns.failed': 'a resolução de {host} falhou ({error})',
  'dns.privateAddress': '{host} resolve para um endereço privado nesta rede ({addresses}); os servidores da Tactium vão resolver o endereço público',
  'dns.fix.spelling': 'Confira a grafia de {field} ({host}) no arquivo de configuração e o mesmo nome de servidor nas configurações de e-mail da Tactium.',
  'dns.fix.expectedHost': 'O servidor deste provedor é {expected}; em {section}: no arquivo, escreva:',
  'dns.fix.nslookup': 'Teste o nome a partir desta máquina:',
  'dns.fix.noAddress':
    'O nome pode ser um domínio e não o servidor de e-mail (por exemplo contoso.com em vez de mail.contoso.com): peça ao provedor de e-mail o nome exato do servidor e corrija {field}.',
  'dns.fix.timeout':
    'Verifique se o servidor DNS desta máquina responde: VPN conectada, firewall liberando o DNS (porta 53 UDP e TCP), ou uma rede que só permite acesso por proxy.',
  'dns.fix.longerTimeout': 'Se a rede estiver apenas lenta, execute de novo com um tempo limite maior: --timeout {seconds}',
  'dns.fix.noNetwork': 'Conecte esta máquina à rede (cabo, Wi-Fi ou VPN), verifique se há um servidor DNS configurado e execute de novo.',
  'dns.fix.serverFailure':
    'O servidor DNS usado por esta máquina falhou ou recusou a resolução do nome: peça à equipe de rede que o verifique (encaminhadores, validação DNSSEC, filtros).',
  'dns.fix.comparePublic': 'Compare com a resposta de um resolvedor DNS público:',
  'dns.fix.privateAddress.why':
    'Uma resposta privada para um nome da Microsoft ou do Google costuma vir de DNS dividido (uma zona interna para o domínio do provedor), de uma entrada no arquivo hosts ou de um equipamento de segurança que intercepta o tráfego. Um resultado positivo daqui não prova que os servidores da Tactium alcançam o provedor.',
  'dns.fix.privateAddress.hosts':
    'Procure uma linha com {host} no arquivo hosts (Windows: C:\\Windows\\System32\\drivers\\etc\\hosts; Linux e macOS: /etc/hosts) e pergunte à equipe de rede se uma zona DNS interna ou um equipamento responde por este nome.',
  'dns.evidence.ipv4': 'endereço IPv4',
  'dns.evidence.ipv6': 'endereço IPv6',
  'dns.evidence.resolver': 'resolvedor',
  'dns.evidence.duration': 'tempo gasto',
  'dns.evidence.error': 'erro do resolvedor',
  'dns.evidence.expectedHost': 'servidor do provedor',
  'dns.systemOnlyFails':
    'o resolvedor desta máquina não resolve {host}, embora o DNS responda {addresses}: o arquivo hosts, uma VPN ou uma regra de DNS dividido o esconde',
  'dns.fix.systemOnlyFails':
    'Procure uma linha com {host} no arquivo hosts (Windows: C:\\Windows\\System32\\drivers\\etc\\hosts; Linux e macOS: /etc/hosts) e pergunte à equipe de rede se uma VPN ou uma política de DNS responde por esse nome.',
  'dns.evidence.directDiffers': 'o DNS responde diferente',
  'dns.mx.title': 'Os registros MX do domínio da caixa apontam para o provedor',
  'dns.mx.notApplicable.noDomain': 'o endereço da caixa não tem domínio para consultar',
  'dns.mx.pass.provider': 'os e-mails de {domain} são recebidos por {owner} ({host}), como diz o arquivo',
  'dns.mx.pass.gateway': 'os e-mails de {domain} passam primeiro por {vendor}, um gateway de segurança ({host}), que os entrega à caixa: não é uma divergência',
  'dns.mx.pass.other': 'os e-mails de {domain} são recebidos por {host}',
  'dns.mx.office365.google':
    'os registros MX de {domain} apontam para o Google ({host}): os e-mails de fora são entregues ao Google, e a caixa do Office 365 {mailbox} que a Tactium lê não os recebe',
  'dns.mx.office365.other':
    'os registros MX de {domain} apontam para {host}, não para o Exchange Online: um ambiente híbrido ou local, onde a caixa pode ainda estar no Exchange da própria empresa, que o IMAP do Exchange Online não abre',
  'dns.mx.otherCloud': 'os registros MX de {domain} apontam para a nuvem Microsoft {found} ({host}), mas o arquivo diz cloud: {configured}',
  'dns.mx.gmail.microsoft':
    'os registros MX de {domain} apontam para o Microsoft 365 ({host}): os e-mails de fora são entregues à Microsoft, e a caixa do Gmail {mailbox} não os recebe',
  'dns.mx.gmail.other': 'os registros MX de {domain} apontam para {host}, não para o Google: os e-mails de fora podem não chegar à caixa do Gmail',
  'dns.mx.imap.microsoft':
    'os registros MX de {domain} apontam para o Microsoft 365 ({host}): a caixa provavelmente está no Exchange Online, que este arquivo verifica como um provedor IMAP genérico',
  'dns.mx.imap.google':
    'os registros MX de {domain} apontam para o Google ({host}): a caixa provavelmente está no Gmail / Google Workspace, que este arquivo verifica como um provedor IMAP genérico',
  'dns.mx.otherTenant':
    'o domínio {domain} está verificado no locatário (tenant) do Microsoft 365 {found} (seu documento público de descoberta OpenID), mas o arquivo diz tenantId: {configured}: a caixa está em outro locatário',
  'dns.mx.null': 'o domínio {domain} declara que não recebe nenhum e-mail (um "MX nulo", 0 ., RFC 7505)',
  'dns.mx.implicit':
    'o domínio {domain} não tem registro MX: os remetentes entregam os e-mails ao endereço do próprio domínio ({addresses}, RFC 5321 §5.1), não ao provedor de e-mail',
  'dns.mx.none': 'o domínio {domain} não tem registros MX nem endereço: não recebe e-mails',
  'dns.mx.domainNotFound': 'o domínio {domain} não existe no DNS (NXDOMAIN): nenhum e-mail pode ser entregue a {mailbox}',
  'dns.mx.timeout': 'o servidor DNS não respondeu em {seconds} s à consulta dos registros MX de {domain}: não se sabe quem recebe os e-mails',
  'dns.mx.failed': 'não foi possível ler os registros MX de {domain} ({error}): não se sabe quem recebe os e-mails',
  'dns.mx.fix.nslookup': 'Veja os registros MX a partir desta máquina:',
  'dns.mx.fix.office365.google':
    'Se a caixa está mesmo no Office 365, o registro MX do domínio deve ser o mostrado em Centro de administração do Microsoft 365 › Configurações › Domínios › {domain} › Registros DNS; peça a quem administra o DNS do domínio. Se a empresa usa o Google para e-mail, o provider do arquivo deve ser gmail.',
  'dns.mx.fix.office365.hybrid':
    'No Centro de administração do Exchange › Destinatários › Caixas de correio, confira que {mailbox} é uma caixa do Exchange Online (uma caixa ainda local aparece como usuário de e-mail); migre-a, ou verifique o IMAP do servidor local. Se o host é um serviço de filtragem à frente do Exchange Online, nada precisa mudar.',
  'dns.mx.fix.otherCloud': 'O domínio recebe e-mails na nuvem {found}; no arquivo, escreva:',
  'dns.mx.fix.gmail.microsoft': 'Se a empresa usa o Microsoft 365 para e-mail, verifique a conta como Office 365; no arquivo, escreva:',
  'dns.mx.fix.gmail.other':
    'Se o Google Workspace recebe os e-mails de {domain} depois desse host, nada precisa mudar; senão os registros MX devem ser os do Google (Google Admin › Domínios).',
  'dns.mx.fix.imap.provider': 'Verifique a conta com as verificações do próprio provedor (OAuth, os servidores documentados); no arquivo, escreva:',
  'dns.mx.fix.otherTenant': 'Use o locatário ao qual {domain} pertence (ou confira se o endereço da caixa está certo); no arquivo, escreva:',
  'dns.mx.fix.null':
    'Quem administra o DNS de {domain} deve trocar o MX nulo pelo registro MX do provedor de e-mail, ou o endereço da caixa não é o que deve ser usado.',
  'dns.mx.fix.implicit':
    'Quem administra o DNS de {domain} deve publicar o registro MX do provedor de e-mail (mostrado no console de administração do provedor).',
  'dns.mx.fix.none': 'Quem administra o DNS de {domain} deve publicar o registro MX do provedor de e-mail; confira também se o endereço da caixa está certo.',
  'dns.mx.fix.domainNotFound': 'Confira a grafia do endereço da caixa (o domínio) e se o domínio está registrado.',
  'dns.mx.evidence.domain': 'domínio da caixa',
  'dns.mx.evidence.record': 'registro MX',
  'dns.mx.evidence.owner': 'quem recebe os e-mails',
  'dns.mx.evidence.address': 'endereço do domínio',
  'dns.mx.evidence.tenant': 'locatário do domínio',
  'dns.mx.evidence.notListed': 'registros não listados',
} as const satisfies Record<keyof typeof en, string>;
