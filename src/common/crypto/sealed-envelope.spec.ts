import { randomBytes } from 'node:crypto';
import {
  masterKeyFromBase64,
  masterKeyFromBytes,
  masterKeyRing,
  openSecret,
  SealedSecretError,
  sealSecret,
} from './sealed-envelope.js';

const VM = 'did:web:localhost%3A3000:issuers:co-ens#key-1';

function masterKey() {
  return masterKeyFromBase64(randomBytes(32).toString('base64'));
}

describe('masterKeyFromBase64', () => {
  it('accepts base64 and base64url of the same 32 bytes with the same id', () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
    const a = masterKeyFromBase64(bytes.toString('base64'));
    const b = masterKeyFromBase64(bytes.toString('base64url'));
    expect(a.key.equals(bytes)).toBe(true);
    expect(b.key.equals(bytes)).toBe(true);
    expect(a.id).toMatch(/^[0-9a-f]{8}$/);
    expect(b.id).toBe(a.id);
    expect(masterKeyFromBytes(bytes).id).toBe(a.id);
  });

  it('refuses keys that are not 32 bytes or not base64', () => {
    expect(() => masterKeyFromBase64(randomBytes(16).toString('base64'))).toThrow(TypeError);
    expect(() => masterKeyFromBase64('not base64!')).toThrow(TypeError);
    expect(() => masterKeyFromBytes(randomBytes(31))).toThrow(TypeError);
  });
});

describe('sealSecret / openSecret', () => {
  it('round-trips and names the master key', () => {
    const master = masterKey();
    const sealed = sealSecret('z3u2secret', master, VM);
    expect(sealed).toMatch(new RegExp(`^v1\\.${master.id}\\.[\\w-]{16}\\.[\\w-]{22}\\.[\\w-]+$`));
    expect(openSecret(sealed, masterKeyRing(master), VM)).toBe('z3u2secret');
  });

  it('opens a value sealed before the format moved to common/crypto', () => {
    // Stored issuer keys, claim codes and idempotency records hold this exact format.
    const master = masterKeyFromBase64(Buffer.alloc(32, 7).toString('base64'));
    const aad = 'did:web:example.test:issuers:fixture#key-1';
    const stored =
      'v1.4bb06f8e.oxnIjCfE38x1_Omv.3C6cuN2xPW4kIGIzCQlyUQ.VJgVvmzOpqiSph80Yed4ItPv5oCvEcLCCt2MsHHq4Iw';
    expect(master.id).toBe('4bb06f8e');
    expect(openSecret(stored, masterKeyRing(master), aad)).toBe('z3u2 sealed before common/crypto');
  });

  it('uses a fresh IV each time', () => {
    const master = masterKey();
    expect(sealSecret('same', master, VM)).not.toBe(sealSecret('same', master, VM));
  });

  it('opens values sealed under an older master key after rotation', () => {
    const old = masterKey();
    const current = masterKey();
    const sealed = sealSecret('secret', old, VM);
    expect(openSecret(sealed, masterKeyRing(current, old), VM)).toBe('secret');
  });

  it('refuses another owner (AAD)', () => {
    const master = masterKey();
    const sealed = sealSecret('secret', master, VM);
    expect(() => openSecret(sealed, masterKeyRing(master), `${VM}x`)).toThrow(SealedSecretError);
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
    expect(() => openSecret(sealed, masterKeyRing(masterKey()), VM)).toThrow(/not configured/);
  });

  it('refuses a tampered ciphertext, tag or header', () => {
    const master = masterKey();
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
      expect(() => openSecret(value, masterKeyRing(master), VM)).toThrow(SealedSecretError);
    }
  });

  it('throws TypeError on misuse', () => {
    expect(() => sealSecret('x', { id: 'abc', key: Buffer.alloc(16) }, VM)).toThrow(TypeError);
    expect(() => sealSecret('x', masterKey(), '')).toThrow(TypeError);
    expect(() => openSecret('v1.a.b.c.d', masterKeyRing(masterKey()), '')).toThrow(TypeError);
  });
});
