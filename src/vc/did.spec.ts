import {
  buildDidDocument,
  didKeyFromMultibase,
  didWeb,
  didWebDocumentUrl,
  resolveDidKey,
} from './did.js';
import { generateIssuerKey } from './keys.js';

describe('didWeb', () => {
  it('percent-encodes the port and joins the path with colons', () => {
    expect(didWeb('http://localhost:3000', ['issuers', 'co-ens'])).toBe(
      'did:web:localhost%3A3000:issuers:co-ens',
    );
    expect(didWeb('https://reconoce.example.org/', ['issuers', 'pe-dcl'])).toBe(
      'did:web:reconoce.example.org:issuers:pe-dcl',
    );
  });

  it('keeps the base URL path and lower-cases the host', () => {
    expect(didWeb('https://Example.ORG/reconoce/', ['issuers', 'x'])).toBe(
      'did:web:example.org:reconoce:issuers:x',
    );
  });

  it('throws TypeError on misuse', () => {
    expect(() => didWeb('not a url', ['a'])).toThrow(TypeError);
    expect(() => didWeb('ftp://example.org', ['a'])).toThrow(TypeError);
    expect(() => didWeb('https://example.org', ['a', ''])).toThrow(TypeError);
  });
});

describe('didWebDocumentUrl', () => {
  it('inverts didWeb, with http for local hosts and https otherwise', () => {
    expect(didWebDocumentUrl('did:web:localhost%3A3000:issuers:co-ens')).toBe(
      'http://localhost:3000/issuers/co-ens/did.json',
    );
    expect(didWebDocumentUrl('did:web:127.0.0.1%3A8080:issuers:co-ens')).toBe(
      'http://127.0.0.1:8080/issuers/co-ens/did.json',
    );
    expect(didWebDocumentUrl('did:web:reconoce.example.org:issuers:pe-dcl')).toBe(
      'https://reconoce.example.org/issuers/pe-dcl/did.json',
    );
  });

  it('uses /.well-known/did.json for a DID without a path', () => {
    expect(didWebDocumentUrl('did:web:example.org')).toBe(
      'https://example.org/.well-known/did.json',
    );
  });

  it('round-trips with didWeb', () => {
    const did = didWeb('https://example.org:8443/base', ['issuers', 'ec-scp']);
    expect(didWebDocumentUrl(did)).toBe('https://example.org:8443/base/issuers/ec-scp/did.json');
  });

  it('throws TypeError for something else', () => {
    expect(() => didWebDocumentUrl('did:key:z6Mk')).toThrow(TypeError);
    expect(() => didWebDocumentUrl('did:web:')).toThrow(TypeError);
  });
});

describe('buildDidDocument', () => {
  it('lists each Multikey in assertionMethod and authentication', async () => {
    const did = 'did:web:localhost%3A3000:issuers:co-ens';
    const [k1, k2] = await Promise.all([generateIssuerKey(), generateIssuerKey()]);
    const doc = buildDidDocument(did, [
      { id: `${did}#key-1`, publicKeyMultibase: k1.publicKeyMultibase },
      { id: `${did}#key-2`, publicKeyMultibase: k2.publicKeyMultibase },
    ]);
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        {
          id: `${did}#key-1`,
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: k1.publicKeyMultibase,
        },
        {
          id: `${did}#key-2`,
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: k2.publicKeyMultibase,
        },
      ],
      assertionMethod: [`${did}#key-1`, `${did}#key-2`],
      authentication: [`${did}#key-1`, `${did}#key-2`],
    });
    expect(JSON.stringify(doc)).not.toMatch(/secret/i);
  });

  it('throws TypeError for a key id outside the DID or a bad key', async () => {
    const { publicKeyMultibase } = await generateIssuerKey();
    expect(() =>
      buildDidDocument('did:web:a', [{ id: 'did:web:b#key-1', publicKeyMultibase }]),
    ).toThrow(TypeError);
    expect(() =>
      buildDidDocument('did:web:a', [{ id: 'did:web:a#key-1', publicKeyMultibase: 'zQ3s' }]),
    ).toThrow(TypeError);
  });
});

describe('did:key', () => {
  it('resolves the document and the verification method offline', async () => {
    const { publicKeyMultibase } = await generateIssuerKey();
    const did = didKeyFromMultibase(publicKeyMultibase);
    expect(did).toBe(`did:key:${publicKeyMultibase}`);
    const vmId = `${did}#${publicKeyMultibase}`;
    const doc = await resolveDidKey(did);
    expect(doc).toMatchObject({
      id: did,
      verificationMethod: [{ id: vmId, type: 'Multikey', controller: did, publicKeyMultibase }],
      assertionMethod: [vmId],
    });
    expect(await resolveDidKey(vmId)).toMatchObject({
      id: vmId,
      type: 'Multikey',
      publicKeyMultibase,
    });
  });

  it('throws TypeError for something that is not an Ed25519 did:key', async () => {
    expect(() => didKeyFromMultibase('zDnae')).toThrow(TypeError);
    await expect(resolveDidKey('did:web:example.org')).rejects.toThrow(TypeError);
    await expect(resolveDidKey('did:key:zDnaeXXX')).rejects.toThrow(TypeError);
  });
});
