/**
 * Certificates made at run time in JavaScript (node-forge builds and signs them; no openssl command, nothing
 * stored in the repository that could expire): a test CA, and leaf certificates that are valid, expired,
 * not yet valid, for the wrong host, self-signed, from an unknown CA, or about to expire; and chains
 * (root → intermediate → leaf) with chosen validity dates, including a root that copies another root's
 * name with its own key, and an issuer that is not a CA.
 *
 * RSA 2048 key generation is the slow part (seconds in pure JavaScript on 2 cores), so key pairs come from
 * Node's built-in crypto (native, ~100 ms) and are generated once per role per test file and reused by
 * every certificate of that role. A leaf and its CA never share a key (a shared key would make a
 * CA-signed leaf look self-signed to a signature check).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

const DAY = 86_400_000;

interface KeyPair {
  readonly privateKey: forge.pki.rsa.PrivateKey;
  readonly publicKey: forge.pki.rsa.PublicKey;
  readonly privatePem: string;
}

const keyCache = new Map<string, KeyPair>();

/** One RSA 2048 key pair per role (`ca`, `other-ca`, `leaf`…), generated on first use in this test file. */
function keyPair(role: string): KeyPair {
  const cached = keyCache.get(role);
  if (cached) return cached;
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey);
  const pair: KeyPair = { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), privatePem: privateKey };
  keyCache.set(role, pair);
  return pair;
}

function serial(): string {
  // Positive (leading 0 bit) and unique, as RFC 5280 §4.1.2.2 asks.
  return `01${randomBytes(15).toString('hex')}`;
}

/** A certificate authority for tests. `pem` is what goes into `extraCa` (tls.caFile) to trust it. */
export interface TestCa {
  readonly name: string;
  readonly pem: string;
  readonly certificate: forge.pki.Certificate;
  readonly keys: KeyPair;
  /** The CA that signed this one (an intermediate's parent); absent for a self-signed root. */
  readonly parent?: TestCa;
}

export interface CaOptions {
  /** Default: yesterday. */
  readonly notBefore?: Date;
  /** Default: ten years from now. */
  readonly notAfter?: Date;
  /** basicConstraints cA (default true); false makes an end-entity certificate that signs others anyway. */
  readonly isCa?: boolean;
}

/** A leaf certificate: PEM key and certificate, and the PEM of the CA that signed it (itself when self-signed). */
export interface IssuedCert {
  readonly key: string;
  readonly cert: string;
  readonly ca: string;
}

export interface IssueOptions {
  /** DNS names and IP addresses for subjectAltName; the first is also the common name. */
  readonly hosts: readonly string[];
  /** Default: yesterday. */
  readonly notBefore?: Date;
  /** Default: a year from now. */
  readonly notAfter?: Date;
  /** Signed with its own key (issuer = subject), not by the CA. */
  readonly selfSigned?: boolean;
  /**
   * The server also sends the root of `ca`'s chain (its intermediates are always sent): how a server
   * presents an attacker's own root, and what OpenSSL then calls SELF_SIGNED_CERT_IN_CHAIN.
   */
  readonly sendRoot?: boolean;
  /** Extended key usage serverAuth (default true); false allows client authentication only. */
  readonly serverAuth?: boolean;
  /**
   * An Authority Information Access "CA Issuers" URL (RFC 5280 §4.2.2.1), as public CAs put in every
   * server certificate; it names where the issuer's certificate can be found.
   */
  readonly caIssuersUrl?: string;
  /** Send only the leaf, not the intermediates (the server's most common chain mistake). */
  readonly leafOnly?: boolean;
}

/**
 * A CA certificate valid from yesterday for ten years (or `options`' dates). `keyRole` picks the key pair:
 * give a second CA its own role (e.g. `other-ca`) so that "unknown CA" really is a different key; a CA
 * with the NAME of another but its own role is a root that copies a real root's subject.
 */
export function createCa(
  name = 'Tactium Preflight Test CA',
  keyRole = name === 'Tactium Preflight Test CA' ? 'ca' : `ca:${name}`,
  options: CaOptions = {},
): TestCa {
  return buildCa(name, keyRole, options);
}

/** An intermediate CA signed by `parent` (its own key pair, role `ca:<name>` unless given). */
export function createIntermediate(parent: TestCa, name: string, options: CaOptions & { readonly keyRole?: string } = {}): TestCa {
  return buildCa(name, options.keyRole ?? `ca:${name}`, options, parent);
}

function buildCa(name: string, keyRole: string, options: CaOptions, parent?: TestCa): TestCa {
  const keys = keyPair(keyRole);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = serial();
  certificate.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  certificate.validity.notAfter = options.notAfter ?? new Date(Date.now() + 3650 * DAY);
  const attributes = [
    { name: 'commonName', value: name },
    { name: 'organizationName', value: 'tactium-preflight tests' },
  ];
  certificate.setSubject(attributes);
  certificate.setIssuer(parent ? parent.certificate.subject.attributes : attributes);
  const isCa = options.isCa ?? true;
  certificate.setExtensions([
    { name: 'basicConstraints', cA: isCa, critical: true },
    // An end-entity issuer keeps keyCertSign: only basicConstraints says it is not a CA, as in the attack
    // where a valid leaf's key signs a forged one.
    { name: 'keyUsage', keyCertSign: true, cRLSign: isCa, digitalSignature: !isCa, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(parent ? parent.keys.privateKey : keys.privateKey, forge.md.sha256.create());
  return { name, pem: forge.pki.certificateToPem(certificate), certificate, keys, ...(parent ? { parent } : {}) };
}

/**
 * Issues a server certificate for `hosts` signed by `ca` (or self-signed). Examples:
 * valid `issueCert(ca, { hosts: ['localhost', '127.0.0.1'] })`; expired `notAfter: daysFromNow(-1)`;
 * not yet valid `notBefore: daysFromNow(1)`; wrong host `hosts: ['other.example']`. Signed by an
 * intermediate, `cert` holds the leaf then the intermediates (what a server sends) and `ca` the root.
 */
export function issueCert(ca: TestCa, options: IssueOptions): IssuedCert {
  const leafKeys = keyPair('leaf');
  const [commonName = 'localhost'] = options.hosts;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = leafKeys.publicKey;
  certificate.serialNumber = serial();
  certificate.validity.notBefore = options.notBefore ?? new Date(Date.now() - DAY);
  certificate.validity.notAfter = options.notAfter ?? new Date(Date.now() + 365 * DAY);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'tactium-preflight tests' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(options.selfSigned ? subject : ca.certificate.subject.attributes);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    options.serverAuth === false ? { name: 'extKeyUsage', clientAuth: true } : { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: options.hosts.map((host) => (/^[\d.]+$|:/.test(host) ? { type: 7, ip: host } : { type: 2, value: host })),
    },
    { name: 'subjectKeyIdentifier' },
    ...(options.caIssuersUrl ? [caIssuersExtension(options.caIssuersUrl)] : []),
  ]);
  certificate.sign(options.selfSigned ? leafKeys.privateKey : ca.keys.privateKey, forge.md.sha256.create());
  const leaf = forge.pki.certificateToPem(certificate);
  if (options.selfSigned) return { key: leafKeys.privatePem, cert: leaf, ca: leaf };
  const path: TestCa[] = [];
  for (let link: TestCa | undefined = ca; link; link = link.parent) path.push(link);
  const root = path[path.length - 1]!;
  const sent = options.leafOnly ? [] : path.filter((link) => link !== root || options.sendRoot === true);
  return { key: leafKeys.privatePem, cert: [leaf, ...sent.map((link) => link.pem)].join(''), ca: root.pem };
}

/** authorityInfoAccess (1.3.6.1.5.5.7.1.1) with one id-ad-caIssuers (1.3.6.1.5.5.7.48.2) URI. */
function caIssuersExtension(url: string): { id: string; critical: boolean; value: forge.asn1.Asn1 } {
  const { asn1 } = forge;
  const accessDescription = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.3.6.1.5.5.7.48.2').getBytes()),
    // GeneralName uniformResourceIdentifier [6] IA5String.
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 6, false, url),
  ]);
  return { id: '1.3.6.1.5.5.7.1.1', critical: false, value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [accessDescription]) };
}

/** A date `days` from now (negative for the past). */
export function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * DAY);
}
