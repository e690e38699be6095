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
} as const satisfies Record<keyof typeof en, string>;
