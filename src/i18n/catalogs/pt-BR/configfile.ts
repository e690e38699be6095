import type { configfile as en } from '../en/configfile.js';

export const configfile = {
  'configfile.read.missing': 'o arquivo não existe; confira o caminho ou rode `tactium-preflight init` para criá-lo',
  'configfile.read.directory': 'isto é uma pasta, não um arquivo; informe o caminho do arquivo YAML',
  'configfile.read.unreadable': 'não foi possível ler o arquivo ({reason})',
  'configfile.read.notUtf8':
    'o arquivo não está em UTF-8 (provavelmente foi salvo como "ANSI"/Windows-1252); salve-o em UTF-8 (Bloco de Notas: Arquivo › Salvar como › Codificação: UTF-8)',

  'configfile.yaml.aliasCycle': 'o alias {alias} é usado dentro do próprio valor que ele nomeia, o que nunca terminaria; escreva os valores por extenso',
  'configfile.yaml.syntax': 'erro de sintaxe YAML: {detail}',
  'configfile.yaml.duplicateKey': 'a chave {key} aparece duas vezes no mesmo mapeamento, e a última valeria sem aviso; mantenha só uma',
  'configfile.yaml.badEscape':
    'sequência de escape inválida num valor entre aspas duplas: entre aspas duplas a barra invertida inicia um escape (\\n, \\t, \\u…)',
  'configfile.yaml.tabIndent': 'esta linha está recuada com tabulação; no YAML o recuo é feito só com espaços',
  'configfile.yaml.multipleDocuments': 'o arquivo tem mais de um documento YAML (uma linha com ---); deixe um documento só',
  'configfile.escape.changed':
    'este valor entre aspas duplas contém {escapes}, que o YAML lê como sequências de escape (tabulação, quebra de linha…); o valor lido não é o que está escrito',
  'configfile.hint.singleQuotes': 'escreva entre aspas simples, onde a barra invertida é só uma barra: {suggestion}',
  'configfile.hint.singleQuotesSecret': 'escreva o valor entre aspas simples, onde a barra invertida é só uma barra (melhor ainda: uma referência ${env:NOME})',

  'configfile.empty': 'o arquivo está vazio; era esperado version: 1 e uma lista de contas (`tactium-preflight init` cria um para você)',
  'configfile.notMapping.list': 'o arquivo começa com uma lista; no nível de cima deve haver um mapeamento: version: 1 e, depois, accounts: com a lista abaixo',
  'configfile.notMapping.scalar':
    'o arquivo tem um valor solto; no nível de cima deve haver um mapeamento: version: 1 e, depois, accounts: com a lista de contas',
  'configfile.version.missing': 'ausente; escreva version: 1 na primeira linha do arquivo',
  'configfile.version.unsupported': 'está {found}; este tactium-preflight lê apenas version: 1',
  'configfile.unknownKey': 'chave desconhecida {key}; as chaves aceitas aqui são: {allowed}',
  'configfile.required': 'falta aqui a chave obrigatória {key}',
  'configfile.enum': '{found} não é um valor aceito; use um destes: {allowed}',
  'configfile.type.string': 'era esperado um texto, mas está {found}',
  'configfile.type.number': 'era esperado um número, mas está {found}',
  'configfile.type.integer': 'era esperado um número inteiro, mas está {found}',
  'configfile.type.mapping': 'era esperado um mapeamento (linhas chave: valor recuadas abaixo desta chave), mas está {found}',
  'configfile.type.list': 'era esperada uma lista (itens em linhas próprias, cada um começando com "- "), mas está {found}',
  'configfile.type.secret': 'o valor não é um texto; escreva uma referência como ${env:NOME} ou o valor entre aspas',
  'configfile.invalid': 'valor inválido ({detail})',
  'configfile.invalid.secret': 'o valor não é válido aqui',
  'configfile.value.null': 'esta chave está sem valor; escreva um depois dos dois-pontos ou remova a chave',
  'configfile.value.emptyString': 'o valor está vazio; preencha-o ou remova a chave',
  'configfile.accounts.empty': 'a lista de contas está vazia; inclua pelo menos uma conta',
  'configfile.accounts.duplicateName': 'o nome de conta {name} já foi usado na linha {line}; cada conta precisa de um nome único',
  'configfile.port': '{found} não é uma porta TCP; use um número inteiro de 1 a 65535',
  'configfile.format.guid':
    '{found} não é um GUID; o formato é 8-4-4-4-12 dígitos hexadecimais, como 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, copiado da página Visão geral no centro de administração do Microsoft Entra',
  'configfile.format.email': '{found} não é um endereço de e-mail; o formato é nome@domínio, por exemplo atendimento@contoso.com.br',
  'configfile.format.host': '{found} não é um nome de host; use um nome como outlook.office365.com ou um endereço IP, sem protocolo, porta ou caminho',
  'configfile.format.dnsServer': '{found} não é o endereço de um servidor DNS; esperado um IP com porta opcional, por exemplo 127.0.0.1:5353',
  'configfile.format.httpsUrl': '{found} não é uma URL https://; por exemplo https://login.microsoftonline.com',
  'configfile.format.redirectUri':
    '{found} não é um URI de redirecionamento; use uma URL https:// exatamente como registrada no aplicativo, ou http://localhost:<porta>/… para o login local',
  'configfile.format.tenant':
    '{found} não é um GUID de locatário nem um domínio; use o ID do diretório (locatário), um GUID, ou um domínio verificado como contoso.onmicrosoft.com',
  'configfile.format.date': '{found} não é uma data no formato AAAA-MM-DD, por exemplo 2027-05-31',

  'configfile.hint.pastedValue':
    'o texto dentro de ${env:…} não parece um nome de variável (letras, dígitos e _, em geral maiúsculas), por isso não é mostrado: se for o próprio segredo, coloque-o numa variável de ambiente e escreva aqui o nome dela, ex.: ${env:TACTIUM_MAILBOX_PASSWORD}',
  'configfile.hint.didYouMean': 'você quis dizer {suggestion}?',
  'configfile.hint.belongsUnder': '{key} fica dentro de {parent} (recuado abaixo dele)',
  'configfile.hint.belongsAccount': '{key} fica dentro de uma conta, um item da lista accounts:',
  'configfile.hint.belongsTop': '{key} fica no nível de cima do arquivo, sem recuo',
  'configfile.hint.quote': "coloque entre aspas para o YAML ler como texto: '{value}'",
  'configfile.hint.quoteSecret': 'coloque o valor entre aspas para o YAML ler como texto — melhor ainda, use uma referência ${env:NOME}',
  'configfile.hint.unquote': 'escreva o número sem aspas: {value}',
  'configfile.hint.listDash': 'cada conta começa com "- " numa linha própria abaixo de accounts:, por exemplo "  - name: atendimento"',
  'configfile.hint.hostOnly': 'escreva aqui só o nome do host ({host}); a porta vai em port:',
  'configfile.hint.secretReference':
    'escreva segredos como referências, por exemplo clientSecret: ${env:TACTIUM_CLIENT_SECRET} ou ${file:client-secret.txt}, e não o próprio valor',
  'configfile.hint.providerGmail': 'se esta caixa é do Gmail / Google Workspace, escreva provider: gmail',
  'configfile.hint.gmailOAuthClient':
    'o OAuth do Gmail usa um cliente OAuth do Google Cloud: console.cloud.google.com › APIs e serviços › Credenciais › ID do cliente OAuth; envie o ID do cliente (….apps.googleusercontent.com), a chave secreta do cliente e um refresh token emitido para o escopo https://mail.google.com/',
  'configfile.hint.gmailAppPassword': 'ou use method: password com uma senha de app (myaccount.google.com/apppasswords; exige a verificação em duas etapas)',

  'configfile.rule.office365Ids':
    'o OAuth do Office 365 precisa de {keys}: o ID do diretório (locatário) e o ID do aplicativo (cliente), ambos na página Visão geral do registro do aplicativo (centro de administração do Microsoft Entra › Registros de aplicativo)',
  'configfile.rule.office365Flow':
    'o OAuth do Office 365 precisa de {keys}: delegated (um usuário entra uma vez pelo navegador e o aplicativo age como ele; exige o URI de redirecionamento e o segredo do cliente) ou application (o aplicativo entra sozinho com o segredo do cliente; exige as permissões de aplicativo do Exchange e o New-ServicePrincipal no Exchange Online)',
  'configfile.rule.applicationSecret':
    'o fluxo application entra com o segredo do cliente do aplicativo: inclua {keys} (o Valor do segredo, mostrado uma única vez quando foi criado — não o ID do segredo), ou auth.accessToken para testar um token que você já tem',
  'configfile.rule.delegatedSecret':
    'o fluxo delegated troca o login do usuário no URI de redirecionamento usando o segredo do cliente: inclua {keys}, ou auth.accessToken para testar um token que você já tem',
  'configfile.rule.office365Password':
    'method: password precisa de {keys}; note que o Exchange Online desligou a autenticação básica para IMAP e POP, então o caminho suportado é o OAuth (method: oauth2)',
  'configfile.rule.office365ClientIdGuid':
    '{found} não é um GUID; o client ID do Office 365 é o ID do aplicativo (cliente) na página Visão geral do registro do aplicativo, por exemplo 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c',
  'configfile.rule.office365ClientIdGoogle':
    '{found} é um ID de cliente OAuth do Google Cloud; uma conta Office 365 precisa do ID do aplicativo (cliente) de um registro de aplicativo do Microsoft Entra (um GUID)',
  'configfile.rule.gmailPassword':
    'Gmail com method: password precisa de {keys}: uma senha de app de 16 caracteres (myaccount.google.com/apppasswords, depois de ativar a verificação em duas etapas), não a senha normal da conta',
  'configfile.rule.gmailOAuth':
    'o OAuth do Gmail precisa de {keys}: o ID e a chave secreta de um cliente OAuth do Google Cloud (mais um refresh token emitido para o escopo https://mail.google.com/, ou `check --login` para obter um) — ou auth.accessToken para testar um token que você já tem',
  'configfile.rule.gmailClientIdGoogle': '{found} não é um ID de cliente OAuth do Google; o formato é 123456789012-abc123….apps.googleusercontent.com',
  'configfile.rule.gmailClientIdAzure':
    '{found} é um GUID, o formato de um ID de aplicativo do Microsoft Entra (Azure); o OAuth do Gmail usa um ID de cliente OAuth do Google Cloud terminado em .apps.googleusercontent.com',
  'configfile.rule.gmailAzure':
    'uma conta Gmail não tem {keys}: esses campos são do Microsoft Entra ID (Azure). O OAuth do Gmail é configurado no Google Cloud, não no Azure — nada feito no Azure vale para o Gmail',
  'configfile.rule.imapServers': 'provider: imap não tem valores padrão: escreva {keys} (o nome do host, a porta e security: tls, starttls ou none)',
  'configfile.rule.imapOAuth':
    'OAuth com provider: imap precisa de {keys}: o tactium-preflight só obtém tokens da Microsoft e do Google; para outros provedores ele testa um token que você já tem',
  'configfile.rule.imapPassword': 'method: password precisa de {keys}',
  'configfile.rule.office365Only': '{keys} só se aplicam a provider: office365; remova essas chaves',

  'configfile.ref.malformed':
    '{found} não é uma referência que o tactium-preflight entenda; escreva ${env:NOME} (uma variável de ambiente) ou ${file:caminho} (um arquivo, relativo a este YAML)',
  'configfile.ref.notSecret': 'referências como {found} só são lidas nas chaves de segredo ({keys}); escreva aqui o próprio valor',
  'configfile.ref.envMissing': 'a variável de ambiente {name} (de {reference}) não está definida',
  'configfile.ref.envEmpty': 'a variável de ambiente {name} (de {reference}) está definida, mas vazia',
  'configfile.hint.envPosix': "Linux/macOS (bash, zsh): export {name}='…'",
  'configfile.hint.envPowerShell': "Windows PowerShell: $env:{name} = '…'",
  'configfile.hint.envCmd': 'Windows cmd: set {name}=…',
  'configfile.ref.fileMissing': 'o arquivo {file} (de {reference}; um caminho relativo é lido a partir da pasta deste YAML) não existe',
  'configfile.ref.fileUnreadable': 'não foi possível ler o arquivo {file} (de {reference}) ({reason})',
  'configfile.ref.fileEmpty': 'o arquivo {file} (de {reference}) está vazio',
  'configfile.ref.fileIsFolder': '{file} (de {reference}) é uma pasta, não um arquivo',
  'configfile.ref.fileIsPipe': '{file} (de {reference}) é um pipe (FIFO): lê-lo poderia esperar para sempre por quem escreva',
  'configfile.ref.fileIsSpecial': '{file} (de {reference}) é um dispositivo ou socket, não um arquivo comum',
  'configfile.ref.fileTooLarge': 'o arquivo {file} (de {reference}) tem {size} bytes: um arquivo de segredo contém só o segredo (no máximo {max} bytes)',
  'configfile.caFile.notAFile': 'o arquivo de CA {file} não é um arquivo comum (uma pasta, pipe ou dispositivo)',
  'configfile.caFile.tooLarge': 'o arquivo de CA {file} tem {size} bytes, mais que qualquer pacote de certificados (no máximo {max})',
  'configfile.hint.secretFileShape':
    'uma referência ${file:…} indica um arquivo comum que contém só o segredo (uma linha); para outra coisa use uma variável de ambiente, ${env:NOME}',
  'configfile.caFile.missing': 'o arquivo de CA {file} não existe (um caminho relativo é lido a partir da pasta deste YAML)',
  'configfile.caFile.unreadable': 'não foi possível ler o arquivo de CA {file} ({reason})',
  'configfile.caFile.notPem': 'o arquivo de CA {file} não contém certificado PEM (nenhuma linha -----BEGIN CERTIFICATE-----)',
  'configfile.caFile.badCertificate': 'não foi possível ler o certificado {index} do arquivo de CA {file} ({reason})',
  'configfile.hint.caExportBase64':
    'exporte o certificado raiz como "X.509 codificado em Base-64 (.CER)" no assistente de exportação de certificados do Windows, ou converta um arquivo DER: openssl x509 -inform der -in raiz.cer -out raiz.pem',
  // Arquivos lidos com limite de tamanho e codificação detectada
  'configfile.read.tooLarge':
    'o arquivo tem {size} bytes, mais do que um arquivo de configuração pode ter (no máximo {max} bytes); informe o caminho do arquivo YAML de configuração',
  'configfile.read.notAFile': 'isto não é um arquivo comum (um pipe, dispositivo ou socket); informe o caminho do arquivo YAML',
  'configfile.ref.fileNotAPath':
    'nenhum arquivo tem o nome escrito dentro de ${file:…} (procurado em {folder}); esse texto não é mostrado porque não parece um caminho de arquivo',
  'configfile.hint.pastedFileValue':
    'o texto dentro de ${file:…} não é um arquivo: você colou o próprio segredo? Coloque o segredo numa variável de ambiente e escreva ${env:NOME}, ou escreva o caminho de um arquivo que o contenha, ex.: ${file:segredos/senha.txt}',
  'configfile.secretShapedName':
    '{found} tem a forma de um segredo, não de um nome de login ou de conta; esta chave aparece nos relatórios como está escrita, por isso nenhum segredo pode ser escrito aqui',
  'configfile.hint.spaceAfterColon':
    'escreva um espaço depois dos dois-pontos, {key}: e então o valor (sem ele, o YAML lê a linha inteira como uma única chave desconhecida); o valor não é mostrado aqui',
  'configfile.hint.secretShaped':
    'este valor tem a forma de um segredo (o valor de um segredo do cliente, um token, uma senha de app, uma senha numa URL), por isso não é mostrado; um segredo só cabe em auth.clientSecret, auth.password, auth.refreshToken ou auth.accessToken, como referência ${env:NOME}. Se este arquivo foi compartilhado, considere esse segredo exposto e crie um novo',
} as const satisfies Record<keyof typeof en, string>;
