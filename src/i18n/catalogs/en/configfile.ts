/**
 * English strings of the 'configfile' area: problems in the YAML file, printed as `file:line:column  path: message`
 * with hints below. Messages say what was found and what is expected; they never repeat a secret's value.
 */
export const configfile = {
  // Reading the file
  'configfile.read.missing': 'the file does not exist; check the path, or run `tactium-preflight init` to create it',
  'configfile.read.directory': 'this is a folder, not a file; give the path of the YAML file',
  'configfile.read.unreadable': 'the file cannot be read ({reason})',
  'configfile.read.notUtf8': 'the file is not UTF-8 text (probably saved as "ANSI"/Windows-1252); save it as UTF-8 (Notepad: File › Save as › Encoding: UTF-8)',

  // YAML syntax
  'configfile.yaml.aliasCycle': 'the alias {alias} is used inside the very value it names, which would never end; write the values out instead',
  'configfile.yaml.syntax': 'YAML syntax error: {detail}',
  'configfile.yaml.duplicateKey': 'the key {key} is written twice in the same mapping, and the last one would silently win; keep one',
  'configfile.yaml.badEscape': 'invalid escape sequence in a double-quoted value: between double quotes a backslash starts an escape (\\n, \\t, \\u…)',
  'configfile.yaml.tabIndent': 'a tab is used to indent this line; YAML indents with spaces only',
  'configfile.yaml.multipleDocuments': 'the file holds more than one YAML document (a line with ---); keep a single document',
  'configfile.escape.changed':
    'this double-quoted value contains {escapes}, which YAML reads as escape sequences (a tab, a line break…), so the value is not what is written',
  'configfile.hint.singleQuotes': 'write it in single quotes, where a backslash is just a backslash: {suggestion}',
  'configfile.hint.singleQuotesSecret': 'write the value in single quotes, where a backslash is just a backslash (better still: a ${env:NAME} reference)',

  // Shape of the file
  'configfile.empty': 'the file is empty; expected version: 1 and a list of accounts (`tactium-preflight init` writes one)',
  'configfile.notMapping.list': 'the file starts with a list; expected a mapping at the top level: version: 1, then accounts: with the list below it',
  'configfile.notMapping.scalar': 'the file holds a single value; expected a mapping at the top level: version: 1, then accounts: with the list of accounts',
  'configfile.version.missing': 'missing; write version: 1 as the first line of the file',
  'configfile.version.unsupported': 'found {found}; this tactium-preflight reads only version: 1',
  'configfile.unknownKey': 'unknown key {key}; the keys allowed here are: {allowed}',
  'configfile.required': 'the required key {key} is missing here',
  'configfile.enum': '{found} is not an accepted value; expected one of: {allowed}',
  'configfile.type.string': 'expected text, found {found}',
  'configfile.type.number': 'expected a number, found {found}',
  'configfile.type.integer': 'expected a whole number, found {found}',
  'configfile.type.mapping': 'expected a mapping (key: value lines indented below this key), found {found}',
  'configfile.type.list': 'expected a list (items on their own lines, each starting with "- "), found {found}',
  'configfile.type.secret': 'the value is not text; write a reference such as ${env:NAME}, or the value in quotes',
  'configfile.invalid': 'invalid value ({detail})',
  'configfile.invalid.secret': 'the value is not valid here',
  'configfile.value.null': 'this key has no value; write one after the colon, or remove the key',
  'configfile.value.emptyString': 'the value is empty; write one, or remove the key',
  'configfile.accounts.empty': 'the list of accounts is empty; add at least one account',
  'configfile.accounts.duplicateName': 'the account name {name} is already used at line {line}; each account needs a unique name',
  'configfile.port': '{found} is not a TCP port; expected a whole number from 1 to 65535',
  'configfile.format.guid':
    '{found} is not a GUID; expected 8-4-4-4-12 hexadecimal digits such as 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c, copied from the Overview page in the Microsoft Entra admin center',
  'configfile.format.email': '{found} is not an e-mail address; expected name@domain, e.g. atendimento@contoso.com.br',
  'configfile.format.host': '{found} is not a host name; expected a name such as outlook.office365.com or an IP address, without scheme, port or path',
  'configfile.format.dnsServer': '{found} is not a DNS server address; expected an IP with an optional port, e.g. 127.0.0.1:5353',
  'configfile.format.httpsUrl': '{found} is not an https:// URL; expected e.g. https://login.microsoftonline.com',
  'configfile.format.redirectUri':
    '{found} is not a redirect URI; expected an https:// URL exactly as registered for the app, or http://localhost:<port>/… for the loopback sign-in',
  'configfile.format.tenant':
    '{found} is neither a tenant GUID nor a domain; expected the Directory (tenant) ID (a GUID) or a verified domain such as contoso.onmicrosoft.com',
  'configfile.format.date': '{found} is not a date written as YYYY-MM-DD, e.g. 2027-05-31',

  // Hints
  'configfile.hint.pastedValue':
    'the text inside ${env:…} does not look like a variable name (letters, digits and _, usually in capitals), so it is not shown: if that is the secret itself, put it in an environment variable and write its name here, e.g. ${env:TACTIUM_MAILBOX_PASSWORD}',
  'configfile.hint.didYouMean': 'did you mean {suggestion}?',
  'configfile.hint.belongsUnder': '{key} belongs under {parent} (indented below it)',
  'configfile.hint.belongsAccount': '{key} belongs inside an account, an item of the accounts: list',
  'configfile.hint.belongsTop': '{key} belongs at the top level of the file, not indented',
  'configfile.hint.quote': "put it in quotes so that YAML reads it as text: '{value}'",
  'configfile.hint.quoteSecret': 'put the value in quotes so that YAML reads it as text — better still, use a ${env:NAME} reference',
  'configfile.hint.unquote': 'write the number without quotes: {value}',
  'configfile.hint.listDash': 'each account starts with "- " on its own line below accounts:, e.g. "  - name: atendimento"',
  'configfile.hint.hostOnly': 'write only the host name here ({host}); the port goes in port:',
  'configfile.hint.secretReference':
    'write secrets as references, e.g. clientSecret: ${env:TACTIUM_CLIENT_SECRET} or ${file:client-secret.txt}, not as the value itself',
  'configfile.hint.providerGmail': 'if this mailbox is in Gmail / Google Workspace, write provider: gmail',
  'configfile.hint.gmailOAuthClient':
    'Gmail OAuth uses a Google Cloud OAuth client: console.cloud.google.com › APIs & Services › Credentials › OAuth client ID; send its client ID (….apps.googleusercontent.com), its client secret and a refresh token issued for the scope https://mail.google.com/',
  'configfile.hint.gmailAppPassword': 'or use method: password with an app password (myaccount.google.com/apppasswords; needs 2-Step Verification)',

  // Rules per provider and auth method
  'configfile.rule.office365Ids':
    "Office 365 OAuth needs {keys}: the Directory (tenant) ID and the Application (client) ID, both on the app registration's Overview page (Microsoft Entra admin center › App registrations)",
  'configfile.rule.office365Flow':
    'Office 365 OAuth needs {keys}: delegated (a user signs in once in the browser and the app acts as that user; needs the redirect URI and the client secret) or application (the app signs in by itself with its client secret; needs the Exchange application permissions and New-ServicePrincipal in Exchange Online)',
  'configfile.rule.applicationSecret':
    "the application flow signs in with the app's client secret: add {keys} (the secret's Value, shown only once when it was created — not its Secret ID), or auth.accessToken to test a token you already have",
  'configfile.rule.delegatedSecret':
    "the delegated flow redeems the user's sign-in at the redirect URI with the client secret: add {keys}, or auth.accessToken to test a token you already have",
  'configfile.rule.office365Password':
    'method: password needs {keys}; note that Exchange Online has turned basic authentication off for IMAP and POP, so OAuth (method: oauth2) is the supported way',
  'configfile.rule.office365ClientIdGuid':
    "{found} is not a GUID; the Office 365 client ID is the Application (client) ID on the app registration's Overview page, e.g. 6f1c2b3a-0d4e-4f5a-8b6c-7d8e9f0a1b2c",
  'configfile.rule.office365ClientIdGoogle':
    '{found} is a Google Cloud OAuth client ID; an Office 365 account needs the Application (client) ID of a Microsoft Entra app registration (a GUID)',
  'configfile.rule.gmailPassword':
    "Gmail with method: password needs {keys}: a 16-character app password (myaccount.google.com/apppasswords, after turning on 2-Step Verification), not the account's normal password",
  'configfile.rule.gmailOAuth':
    'Gmail OAuth needs {keys}: the client ID and client secret of a Google Cloud OAuth client (plus a refresh token issued for the scope https://mail.google.com/, or `check --login` to obtain one) — or auth.accessToken to test a token you already have',
  'configfile.rule.gmailClientIdGoogle': '{found} is not a Google OAuth client ID; expected the form 123456789012-abc123….apps.googleusercontent.com',
  'configfile.rule.gmailClientIdAzure':
    '{found} is a GUID, the shape of a Microsoft Entra (Azure) Application ID; Gmail OAuth uses a Google Cloud OAuth client ID ending in .apps.googleusercontent.com',
  'configfile.rule.gmailAzure':
    'a Gmail account has no {keys}: those are Microsoft Entra ID (Azure) fields. Gmail OAuth is configured in Google Cloud, not in Azure — nothing done in Azure affects Gmail',
  'configfile.rule.imapServers': 'provider: imap has no defaults: write {keys} (the host name, the port, and security: tls, starttls or none)',
  'configfile.rule.imapOAuth':
    'OAuth with provider: imap needs {keys}: tactium-preflight obtains tokens only from Microsoft and Google, so for other providers it tests a token you already have',
  'configfile.rule.imapPassword': 'method: password needs {keys}',
  'configfile.rule.office365Only': '{keys} apply only to provider: office365; remove them',

  // References and files
  'configfile.ref.malformed':
    '{found} is not a reference tactium-preflight understands; write ${env:NAME} (an environment variable) or ${file:path} (a file, relative to this YAML file)',
  'configfile.ref.notSecret': 'references such as {found} are only read in the secret keys ({keys}); write the value itself here',
  'configfile.ref.envMissing': 'the environment variable {name} (from {reference}) is not set',
  'configfile.ref.envEmpty': 'the environment variable {name} (from {reference}) is set but empty',
  'configfile.hint.envPosix': "Linux/macOS (bash, zsh): export {name}='…'",
  'configfile.hint.envPowerShell': "Windows PowerShell: $env:{name} = '…'",
  'configfile.hint.envCmd': 'Windows cmd: set {name}=…',
  'configfile.ref.fileMissing': 'the file {file} (from {reference}; a relative path is read from the folder of this YAML file) does not exist',
  'configfile.ref.fileUnreadable': 'the file {file} (from {reference}) cannot be read ({reason})',
  'configfile.ref.fileEmpty': 'the file {file} (from {reference}) is empty',
  'configfile.ref.fileIsFolder': '{file} (from {reference}) is a folder, not a file',
  'configfile.ref.fileIsPipe': '{file} (from {reference}) is a pipe (FIFO): reading it could wait forever for a writer',
  'configfile.ref.fileIsSpecial': '{file} (from {reference}) is a device or socket, not an ordinary file',
  'configfile.ref.fileTooLarge': 'the file {file} (from {reference}) has {size} bytes: a secret file holds just the secret (at most {max} bytes)',
  'configfile.caFile.notAFile': 'the CA file {file} is not an ordinary file (a folder, pipe or device)',
  'configfile.caFile.tooLarge': 'the CA file {file} has {size} bytes, more than any certificate bundle (at most {max})',
  'configfile.hint.secretFileShape':
    'a ${file:…} reference names an ordinary file holding only the secret (one line); for anything else use an environment variable, ${env:NAME}',
  'configfile.caFile.missing': 'the CA file {file} does not exist (a relative path is read from the folder of this YAML file)',
  'configfile.caFile.unreadable': 'the CA file {file} cannot be read ({reason})',
  'configfile.caFile.notPem': 'the CA file {file} holds no PEM certificate (no -----BEGIN CERTIFICATE----- line)',
  'configfile.caFile.badCertificate': 'certificate {index} in the CA file {file} cannot be read ({reason})',
  'configfile.hint.caExportBase64':
    'export the root certificate as "Base-64 encoded X.509 (.CER)" in the Windows certificate export wizard, or convert a DER file: openssl x509 -inform der -in root.cer -out root.pem',
  // Files read with size limits and their encoding detected
  'configfile.read.tooLarge':
    'the file has {size} bytes, more than a configuration file can have (at most {max} bytes); give the path of the YAML configuration file',
  'configfile.read.notAFile': 'this is not an ordinary file (a pipe, device or socket); give the path of the YAML file',
  'configfile.ref.fileNotAPath':
    'no file has the name written inside ${file:…} (looked for in {folder}); that text is not shown because it does not look like a file path',
  'configfile.hint.pastedFileValue':
    'the text inside ${file:…} is not a file: did you paste the secret itself? Put the secret in an environment variable and write ${env:NAME}, or write the path of a file that holds it, e.g. ${file:secrets/password.txt}',
  'configfile.secretShapedName':
    '{found} has the shape of a secret, not of a login name or an account name; this key is shown in reports as it is written, so no secret may be written here',
  'configfile.hint.spaceAfterColon':
    'write a space after the colon, {key}: then the value (without it, YAML reads the whole line as one unknown key); the value is not shown here',
  'configfile.hint.secretShaped':
    "this value has the shape of a secret (a client secret's value, a token, an app password, a password in a URL), so it is not shown; a secret belongs only in auth.clientSecret, auth.password, auth.refreshToken or auth.accessToken, as a ${env:NAME} reference. If this file was shared, treat that secret as exposed and create a new one",
} as const;
