// Open Badges 3.0: composing, validating against 1EdTech's JSON Schema, signing, reading back, and
// verifying as an outside verifier that knows only the public contexts and our DID document.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import openBadgesContext from './contexts/open-badges-v3p0-3-0-3.js';
import { buildDidDocument } from './did.js';
import {
  academicTitleSubject,
  competencyCertificationSubject,
  createFixtureIssuer,
  type FixtureIssuer,
} from './fixtures.js';
import { issueDataIntegrity, type Credential } from './issue.js';
import {
  achievementFor,
  buildOpenBadgeCredential,
  OPEN_BADGES_CONTEXT_URL,
  openBadgeProofSet,
  readCertification,
  type OpenBadgeNativeType,
} from './open-badges.js';
import { loadSchemas, OPEN_BADGES_SCHEMA_FILE } from './schemas.js';
import { statusEntry } from './status-list.js';
import { verifyCredential } from './verify.js';

const BASE = 'https://reconoce.example.org';
const schemasDir = join(process.cwd(), 'schemas');
let issuer: FixtureIssuer;

beforeAll(async () => {
  issuer = await createFixtureIssuer({ baseUrl: BASE });
});

function badge(type: OpenBadgeNativeType, index: number): Credential {
  const subject =
    type === 'AcademicTitleCredential'
      ? { ...academicTitleSubject(), nationalLevel: { framework: 'CO-MNC', level: 6 } }
      : competencyCertificationSubject();
  return buildOpenBadgeCredential({
    id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    nativeType: type,
    issuer: {
      id: issuer.did,
      name: 'Entidad (ficticia)',
      url: `${BASE}/registry/issuers/co-ens`,
      country: 'CO',
    },
    validFrom: new Date('2022-05-10T00:00:00Z'),
    subject,
    achievement: achievementFor(type, subject, { baseUrl: BASE, issuerSlug: 'co-ens' }),
    credentialStatus: statusEntry({
      listCredentialUrl: issuer.lists.revocation.url,
      index,
      purpose: 'revocation',
    }),
  });
}

// The official schema compiled on its own, as any OB 3.0 validator would.
function officialValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(
    JSON.parse(readFileSync(join(schemasDir, OPEN_BADGES_SCHEMA_FILE), 'utf8')) as object,
  );
}

describe('buildOpenBadgeCredential', () => {
  it.each<[OpenBadgeNativeType, string]>([
    ['CompetencyCertificationCredential', 'Competency'],
    ['AcademicTitleCredential', 'Certificate'],
  ])('composes a %s as an OpenBadgeCredential valid under the OB 3.0 schema', (type, kind) => {
    const credential = badge(type, 1);
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      OPEN_BADGES_CONTEXT_URL,
    ]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const subject = credential.credentialSubject as {
      type: string[];
      achievement: Record<string, unknown>;
    };
    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.achievement).toMatchObject({ type: ['Achievement'], achievementType: kind });
    expect((credential.issuer as { type: string[] }).type).toEqual(['Profile']);
    const validate = officialValidator();
    expect(validate(credential)).toBe(true);
    expect(loadSchemas(schemasDir).validateOpenBadge(credential)).toEqual({ valid: true });
  });

  it('aligns a certificate to its standard, its ISCO-08 group and its framework level', () => {
    const subject = badge('CompetencyCertificationCredential', 1).credentialSubject as {
      achievement: { alignment: Record<string, unknown>[] };
    };
    expect(subject.achievement.alignment).toEqual([
      expect.objectContaining({
        targetCode: '299903010',
        targetUrl: `${BASE}/reference/standards/299903010?version=1`,
      }),
      expect.objectContaining({
        targetCode: '5322',
        targetFramework: 'ISCO-08',
        targetUrl: 'http://data.europa.eu/esco/isco/C5322',
      }),
      expect.objectContaining({ targetCode: '3', targetFramework: 'CO-MNC' }),
    ]);
    for (const alignment of subject.achievement.alignment) {
      expect(alignment).toEqual(
        expect.objectContaining({ targetName: expect.any(String), targetUrl: expect.any(String) }),
      );
    }
  });

  it('fails the schema when a required part is missing', () => {
    const credential = badge('CompetencyCertificationCredential', 1);
    delete (credential.credentialSubject as { achievement: { criteria?: unknown } }).achievement
      .criteria;
    credential.credentialStatus = [credential.credentialStatus];
    const result = loadSchemas(schemasDir).validateOpenBadge(credential);
    expect(result.valid).toBe(false);
    expect(!result.valid && result.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['credentialSubject.achievement.criteria', 'credentialStatus']),
    );
  });

  it('refuses a type that cannot be an Open Badge', () => {
    expect(() =>
      achievementFor(
        'RecognitionDecisionCredential' as OpenBadgeNativeType,
        {},
        {
          baseUrl: BASE,
          issuerSlug: 'co-ens',
        },
      ),
    ).toThrow(TypeError);
  });
});

describe('readCertification', () => {
  it('reads a certificate back as the claim of our own type', () => {
    expect(readCertification(badge('CompetencyCertificationCredential', 1))).toEqual({
      type: 'CompetencyCertificationCredential',
      form: 'openbadges-3.0',
      holderName: 'María Demo Rivas',
      subject: {
        identityDocument: { type: 'PPT', country: 'CO', last4: '0001' },
        standards: [
          { code: '299903010', version: '1', title: 'Cuidado de personas mayores (ficticia)' },
        ],
        isco08: '5322',
        nationalLevel: { framework: 'CO-MNC', level: 3 },
      },
    });
  });

  it('reads a title back with its ISCED level and field', () => {
    expect(readCertification(badge('AcademicTitleCredential', 1))).toMatchObject({
      type: 'AcademicTitleCredential',
      holderName: 'Ana Demo Salas',
      subject: {
        titleAsIssued: 'Licenciada en Enfermería',
        iscedLevel: 6,
        iscedField: '0913',
        nationalLevel: { framework: 'CO-MNC', level: 6 },
      },
    });
  });

  it('reads our own credentials as they are, and nothing else', () => {
    expect(readCertification(issuer.credential(1))).toMatchObject({
      type: 'CompetencyCertificationCredential',
      form: 'native',
      holderName: 'María Demo Rivas',
    });
    expect(readCertification({ type: ['VerifiableCredential', 'OpenBadgeCredential'] })).toBe(
      undefined,
    );
    expect(readCertification({ type: ['VerifiableCredential'] })).toBe(undefined);
  });
});

describe('verifyCredential', () => {
  it('passes every check of a signed Open Badge, the schema against OB 3.0', async () => {
    const signed = openBadgeProofSet(
      await issueDataIntegrity({
        credential: badge('CompetencyCertificationCredential', 9),
        signer: issuer.signer,
        documentLoader: issuer.documentLoader,
      }),
    );
    expect(Array.isArray(signed.proof)).toBe(true);
    const result = await verifyCredential({
      credential: signed,
      documentLoader: issuer.documentLoader,
      schemas: loadSchemas(schemasDir),
    });
    expect(result.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(result.checks.find((c) => c.id === 'schema')?.message).toContain('OB 3.0');
    expect(result.status).toBe('VALID');
  });
});

describe('an outside verifier with @digitalbazaar/vc and the OB 3.0 context', () => {
  // Only public documents: the VC contexts bundled with @digitalbazaar/vc, the OB 3.0 context
  // as 1EdTech publishes it, our DID document and our revocation list as served.
  const published = new Map<string, unknown>();

  async function outsideLoader(url: string) {
    const [base, fragment] = url.split('#') as [string, string | undefined];
    if (!published.has(base)) return vc.defaultDocumentLoader(url);
    const document = JSON.parse(JSON.stringify(published.get(base))) as Record<string, unknown>;
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document };
    const method = (document.verificationMethod as { id: string }[]).find((m) => m.id === url);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': document['@context'], ...method },
    };
  }

  const suite = () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

  beforeAll(async () => {
    published.set(OPEN_BADGES_CONTEXT_URL, openBadgesContext);
    published.set(issuer.did, buildDidDocument(issuer.did, issuer.publishedKeys));
    published.set(
      issuer.lists.revocation.url,
      (await issuer.documentLoader(issuer.lists.revocation.url)).document,
    );
  });

  it('verifies our signed Open Badge and reads its revocation bit', async () => {
    const signed = await issueDataIntegrity({
      credential: badge('CompetencyCertificationCredential', 7),
      signer: issuer.signer,
      documentLoader: issuer.documentLoader,
    });
    expect(signed.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
    });
    const result = await vc.verifyCredential({
      credential: JSON.parse(JSON.stringify(signed)) as object,
      suite: suite(),
      documentLoader: outsideLoader,
      checkStatus: ({ credential }: { credential: object }) =>
        bitstringStatusList.checkStatus({
          credential,
          documentLoader: outsideLoader,
          suite: suite(),
          verifyBitstringStatusListCredential: true,
          verifyMatchingIssuers: true,
        }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);

    const tampered = structuredClone(signed);
    (tampered.credentialSubject as { achievement: { name: string } }).achievement.name = 'Otra';
    const refused = await vc.verifyCredential({
      credential: tampered,
      suite: suite(),
      documentLoader: outsideLoader,
      checkStatus: () => Promise.resolve({ verified: true }),
    });
    expect(refused.verified).toBe(false);
  });
});
