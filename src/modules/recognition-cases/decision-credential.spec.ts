import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { assuranceLevelOf, credentialDigest, digestMultibaseOf } from './decision-credential.js';

describe('assuranceLevelOf', () => {
  it('a credential verified in the registry is the strongest, whatever the paper route', () => {
    expect(assuranceLevelOf('NONE', true)).toBe('REGISTRY_VERIFIED');
    expect(assuranceLevelOf('APOSTILLE', true)).toBe('REGISTRY_VERIFIED');
  });

  it.each([
    ['VERIFIED_IN_REGISTRY', 'REGISTRY_VERIFIED'],
    ['APOSTILLE', 'LEGALISED_PAPER'],
    ['CONSULAR', 'LEGALISED_PAPER'],
    ['ALT_MECHANISM', 'ALTERNATIVE_MECHANISM'],
    ['WAIVED_BY_COURT', 'ALTERNATIVE_MECHANISM'],
    ['NONE', 'DECLARATION'],
  ] as const)('unverified, %s gives %s', (route, level) => {
    expect(assuranceLevelOf(route, false)).toBe(level);
  });
});

describe('credentialDigest', () => {
  it('is a base64url sha2-256 multihash of the canonical JSON, whatever the member order', () => {
    const a = { id: 'urn:uuid:1', type: ['VerifiableCredential'], credentialSubject: { x: 1 } };
    const b = { credentialSubject: { x: 1 }, type: ['VerifiableCredential'], id: 'urn:uuid:1' };
    const digest = credentialDigest({ document: a, jwt: null });
    expect(digest).toBe(credentialDigest({ document: b, jwt: null }));
    const sha = createHash('sha256')
      .update(canonicalize(a) as string)
      .digest();
    expect(Buffer.from(digest.slice(1), 'base64url')).toEqual(
      Buffer.concat([Buffer.from([0x12, 0x20]), sha]),
    );
    expect(digest).toMatch(/^uEi[A-Za-z0-9_-]{44}$/);
  });

  it('of a VC-JWT, is the digest of the compact JWT', () => {
    expect(credentialDigest({ document: {}, jwt: 'a.b.c' })).toBe(digestMultibaseOf('a.b.c'));
  });
});
