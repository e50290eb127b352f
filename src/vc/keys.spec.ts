import { verify } from 'node:crypto';
import { generateIssuerKey, importSigningKey, publicKeyMultibaseToJwk } from './keys.js';

const VM = 'did:web:localhost%3A3000:issuers:co-ens#key-1';

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
