import { jest } from '@jest/globals';
import ResolvedContext from 'jsonld/lib/ResolvedContext.js';
import { createFixtureIssuer, type FixtureIssuer } from './fixtures.js';
import { issueDataIntegrity } from './issue.js';
import { shareJsonLdTermDefinitions } from './jsonld-tuning.js';
import { verifyCredential } from './verify.js';

// Its own file, so that the tuning is applied before jsonld.js processes any context here (as the
// workers do at start-up): contexts processed before it keep jsonld.js's own cloning.
shareJsonLdTermDefinitions();

let issuer: FixtureIssuer;

const canonize = (document: object) => issuer.canonize(document);

beforeAll(async () => {
  issuer = await createFixtureIssuer();
});

describe('processed type-scoped contexts', () => {
  it('are processed once, not again for the next credential', async () => {
    await canonize(issuer.credential(5));
    const processed = jest.spyOn(ResolvedContext.prototype, 'setProcessed');
    try {
      const nquads = await canonize(issuer.credential(6));
      expect(processed).not.toHaveBeenCalled();
      expect(nquads).toContain(
        '<https://www.w3.org/ns/credentials/status#statusPurpose> "suspension"',
      );
    } finally {
      processed.mockRestore();
    }
  });

  it('map each node by the context in force there, when taken from the cache', async () => {
    // Siblings and nested nodes enter the same type-scoped contexts from the same context, so the
    // later ones are answered from the cache; a node of two types gets both, in type order.
    const document = {
      '@context': {
        '@version': 1.1,
        ex: 'https://example.org/',
        A: { '@id': 'ex:A', '@context': { term: 'ex:termA', only: 'ex:onlyA' } },
        B: { '@id': 'ex:B', '@context': { term: 'ex:termB' } },
        item: { '@id': 'ex:item', '@type': '@id' },
        term: 'ex:termDefault',
        only: 'ex:onlyDefault',
      },
      '@id': 'https://example.org/root',
      item: [
        { '@id': 'https://example.org/1', '@type': 'A', term: '1', only: '1' },
        { '@id': 'https://example.org/2', '@type': ['A', 'B'], term: '2', only: '2' },
        { '@id': 'https://example.org/3', term: '3', only: '3' },
        {
          '@id': 'https://example.org/4',
          '@type': 'A',
          term: '4',
          item: { '@id': 'https://example.org/5', '@type': 'B', term: '5', only: '5' },
        },
      ],
    };
    for (let pass = 0; pass < 2; pass++) {
      const nquads = await canonize(document);
      for (const [node, term, only] of [
        ['1', 'termA', 'onlyA'],
        ['2', 'termB', 'onlyA'],
        ['3', 'termDefault', 'onlyDefault'],
        ['5', 'termB', 'onlyDefault'],
      ]) {
        const subject = `<https://example.org/${node}>`;
        expect(nquads).toContain(`${subject} <https://example.org/${term}> "${node}"`);
        expect(nquads).toContain(`${subject} <https://example.org/${only}> "${node}"`);
      }
      expect(nquads).toContain('<https://example.org/4> <https://example.org/termA> "4"');
    }
  });

  it('leave signatures that verify', async () => {
    for (const index of [7, 8]) {
      const signed = await issueDataIntegrity({
        credential: issuer.credential(index),
        signer: issuer.signer,
        documentLoader: issuer.documentLoader,
      });
      const result = await verifyCredential({
        credential: signed,
        documentLoader: issuer.documentLoader,
      });
      expect(result.status).toBe('VALID');
    }
  });
});
