/**
 * Tokens at rest: AES-256-GCM under ACCOUNT_ENCRYPTION_KEY. The variable holds one or more
 * base64 keys of 32 bytes, comma-separated, newest first: the first encrypts, all decrypt — so a
 * key is rotated by prepending the new one, re-encrypting (POST /admin/rotate-key) and then
 * dropping the old one. Each ciphertext names its key by a short fingerprint.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

interface Key {
  id: string;
  key: Buffer;
}

export class KeyringError extends Error {}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export class Keyring {
  readonly #keys: Key[];

  constructor(spec: string) {
    const keys = spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((b64) => Buffer.from(b64, 'base64'));
    if (!keys.length) throw new KeyringError('ACCOUNT_ENCRYPTION_KEY holds no key');
    if (keys.some((k) => k.length !== 32)) throw new KeyringError('ACCOUNT_ENCRYPTION_KEY keys must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    this.#keys = keys.map((key) => ({ id: keyId(key), key }));
  }

  get primaryKeyId(): string {
    return this.#keys[0]!.id;
  }

  /** `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts. */
  encrypt(plaintext: string): string {
    const { id, key } = this.#keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, id, iv, tag, ciphertext] = sealed.split('.');
    const key = this.#keys.find((k) => k.id === id);
    if (version !== 'v1' || !key || !iv || !tag || ciphertext === undefined) throw new KeyringError('stored token cannot be decrypted with the configured keys');
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}
