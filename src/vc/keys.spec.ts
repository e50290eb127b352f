import { randomBytes, verify } from 'node:crypto';
import {
  generateIssuerKey,
  importSigningKey,
  masterKeyFromBase64,
  openSecret,
  publicKeyMultibaseToJwk,
  SealedSecretError,
  sealSecret,
} from './keys.js';

const VM = 'did:web:localhost%3A3000:issuers:co-ens#key-1';

function masterKey() {
  return masterKeyFromBase64(randomBytes(32).toString('base64'));
}

describe('generateIssuerKey', () => {
  it('returns an Ed25519 Multikey pair with a 32-byte secret', async () => {
    const key = await generateIssuerKey();
    expect(key.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    // multicodec ed25519-priv (0x8026) + 32 bytes encodes to z3u2…
    expect(key.secretKeyMultibase).toMatch(/^z3u2/);
  });

  it('returns a different key each time', async () => {
    const [a, b] = await Promise.all([generateIssuerKey(), generateIssuerKey()]);
    expect(a.publicKeyMultibase).not.toBe(b.publicKeyMultibase);
  });
});

describe('masterKeyFromBase64', () => {
  it('accepts base64 and base64url of the same 32 bytes with the same id', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
    const a = masterKeyFromBase64(bytes.toString('base64'));
    const b = masterKeyFromBase64(bytes.toString('base64url'));
    expect(a.key.equals(bytes)).toBe(true);
    expect(b.key.equals(bytes)).toBe(true);
    expect(a.id).toMatch(/^[0-9a-f]{8}$/);
    expect(b.id).toBe(a.id);
  });

  it('refuses keys that are not 32 bytes or not base64', () => {
    expect(() => masterKeyFromBase64(randomBytes(16).toString('base64'))).toThrow(TypeError);
    expect(() => masterKeyFromBase64('not base64!')).toThrow(TypeError);
  });
});

describe('sealSecret / openSecret', () => {
  it('round-trips and names the master key', () => {
    const master = masterKey();
    const sealed = sealSecret('z3u2secret', master, VM);
    expect(sealed).toMatch(new RegExp(`^v1\\.${master.id}\\.[\\w-]{16}\\.[\\w-]{22}\\.[\\w-]+$`));
    expect(openSecret(sealed, new Map([[master.id, master.key]]), VM)).toBe('z3u2secret');
  });

  it('uses a fresh IV each time', () => {
    const master = masterKey();
    expect(sealSecret('same', master, VM)).not.toBe(sealSecret('same', master, VM));
  });

  it('opens values sealed under an older master key after rotation', () => {
    const old = masterKey();
    const current = masterKey();
    const sealed = sealSecret('secret', old, VM);
    const keys = new Map([
      [current.id, current.key],
      [old.id, old.key],
    ]);
    expect(openSecret(sealed, keys, VM)).toBe('secret');
  });

  it('refuses another owner (AAD)', () => {
    const master = masterKey();
    const sealed = sealSecret('secret', master, VM);
    expect(() => openSecret(sealed, new Map([[master.id, master.key]]), `${VM}x`)).toThrow(
      SealedSecretError,
    );
  });

  it('refuses a wrong key under the same id', () => {
    const master = masterKey();
    const sealed = sealSecret('secret', master, VM);
    expect(() => openSecret(sealed, new Map([[master.id, randomBytes(32)]]), VM)).toThrow(
      /wrong key, wrong owner \(AAD\) or tampered/,
    );
  });

  it('refuses an unknown master key id', () => {
    const sealed = sealSecret('secret', masterKey(), VM);
    expect(() => openSecret(sealed, new Map(), VM)).toThrow(/not configured/);
  });

  it('refuses a tampered ciphertext, tag or header', () => {
    const master = masterKey();
    const keys = new Map([[master.id, master.key]]);
    const sealed = sealSecret('a longer secret value', master, VM);
    const parts = sealed.split('.');
    const flip = (text: string) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    const tampered = [
      [parts[0], parts[1], parts[2], parts[3], flip(parts[4])].join('.'),
      [parts[0], parts[1], parts[2], flip(parts[3]), parts[4]].join('.'),
      [parts[0], parts[1], flip(parts[2]), parts[3], parts[4]].join('.'),
      ['v2', ...parts.slice(1)].join('.'),
      'garbage',
    ];
    for (const value of tampered) {
      expect(() => openSecret(value, keys, VM)).toThrow(SealedSecretError);
    }
  });

  it('throws TypeError on misuse', () => {
    expect(() => sealSecret('x', { id: 'abc', key: Buffer.alloc(16) }, VM)).toThrow(TypeError);
    expect(() => sealSecret('x', masterKey(), '')).toThrow(TypeError);
  });
});

describe('importSigningKey', () => {
  it('signs with the Ed25519 key and caches the import per verification method', async () => {
    const material = await generateIssuerKey();
    const signerKey = { verificationMethodId: VM, ...material };
    const first = await importSigningKey(signerKey);
    expect(await importSigningKey(signerKey)).toBe(first);
    const data = new TextEncoder().encode('hello');
    const signature = await first.signer.sign({ data });
    expect(verify(null, data, first.privateKey, signature)).toBe(true);
    expect(first.publicJwk).toEqual(await publicKeyMultibaseToJwk(material.publicKeyMultibase));
  });

  it('refuses a secret key that does not match the public key', async () => {
    const [a, b] = await Promise.all([generateIssuerKey(), generateIssuerKey()]);
    await expect(
      importSigningKey({
        verificationMethodId: `${VM}-mismatch`,
        publicKeyMultibase: a.publicKeyMultibase,
        secretKeyMultibase: b.secretKeyMultibase,
      }),
    ).rejects.toThrow(/does not match/);
  });

  it('throws TypeError for an incomplete signer', () => {
    expect(() =>
      importSigningKey({
        verificationMethodId: 'no-fragment',
        publicKeyMultibase: 'x',
        secretKeyMultibase: 'z',
      }),
    ).toThrow(TypeError);
  });
});
