// Open Badges 3.0: a competency certificate or an academic title issued as an OpenBadgeCredential,
// single and batch, validated against 1EdTech's schema, verified by our pipeline and by a plain
// @digitalbazaar/vc verifier, shown to its holder.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openBadgesContext from '../../src/vc/contexts/open-badges-v3p0-3-0-3.js';
import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody, mariaHolder, numberedHolder } from '../helpers/bodies.js';
import { asHolder, binary, registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OB = 'openbadges-3.0';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const tokenOf = (verifyUrl: string) => verifyUrl.split('/v/')[1];

// 1EdTech's schema compiled on its own, as any Open Badges validator would.
const validateOb = (() => {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const schema = JSON.parse(
    readFileSync(
      join(process.cwd(), 'schemas/openbadges/ob_v3p0_achievementcredential_schema.json'),
      'utf8',
    ),
  ) as object;
  return ajv.compile(schema);
})();

/** Ana Demo Salas's nursing title from ve-unc, for `POST /issuer/credentials`. */
const titleBody = (fields: Json = {}) => ({
  type: 'AcademicTitleCredential',
  holder: {
    documents: [{ type: 'CEDULA', country: 'VE', number: 'V-00000003' }],
    givenNames: 'Ana',
    familyNames: 'Demo Salas',
  },
  subject: {
    institution: { name: 'Universidad Nacional de Caribay (ficticia)', country: 'VE' },
    programme: 'Enfermería',
    titleAsIssued: 'Licenciada en Enfermería',
    iscedLevel: 6,
    iscedField: '0913',
    dateAwarded: '2015-07-15',
    legalisation: 'ALT_MECHANISM',
  },
  validFrom: '2015-07-15T00:00:00Z',
  ...fields,
});

describe('Open Badges 3.0 issuance', () => {
  let t: TestApp;
  let key: string;
  let titleKey: string;
  const auth = (k = key) => ({ Authorization: `Bearer ${k}` });
  const issue = (body: object, k = key) =>
    t.http.post('/issuer/credentials').set(auth(k)).send(body);
  const count = async (table = 'credential') =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  // Only public documents: the VC contexts bundled with @digitalbazaar/vc, the OB 3.0 context as
  // 1EdTech publishes it, and the issuer's DID document as we serve it.
  async function publicLoader(url: string) {
    const [base, fragment] = url.split('#') as [string, string | undefined];
    if (base === OB_CONTEXT) {
      return { contextUrl: null, documentUrl: url, document: structuredClone(openBadgesContext) };
    }
    const did = /^did:web:[^:]+:issuers:([a-z0-9-]+)$/.exec(base);
    if (!did) return vc.defaultDocumentLoader(url);
    const document = (await t.http.get(`/issuers/${did[1]}/did.json`)).body as Json;
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document };
    const method = (document.verificationMethod as { id: string }[]).find((m) => m.id === url);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': document['@context'], ...method },
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    ({ key } = await seedIssuerKeys(t));
    titleKey = (await asAdmin(t).post('/admin/issuers/ve-unc/api-keys')).body.apiKey;
  }, 120_000);
  afterAll(() => t.close());

  let badge: Json;

  it('issues a competency certificate as an OpenBadgeCredential valid under the OB 3.0 schema', async () => {
    const res = await issue(certificateBody({ format: OB }));
    expect(res.status).toBe(201);
    badge = res.body;
    const credential = badge.verifiableCredential as Json;
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', OB_CONTEXT],
      id: `urn:uuid:${badge.id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Cuidado de personas mayores (ficticia)',
      issuer: {
        id: 'did:web:localhost%3A3000:issuers:co-ens',
        type: ['Profile'],
        name: 'Entidad Nacional de Saberes (ficticia)',
        url: 'http://localhost:3000/registry/issuers/co-ens',
      },
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            identityType: 'name',
            hashed: false,
            identityHash: 'María Demo Rivas',
          },
          {
            type: 'IdentityObject',
            identityType: 'ext:IdentityDocument',
            identityHash: 'PPT:CO:0001',
          },
        ],
        achievement: {
          type: ['Achievement'],
          achievementType: 'Competency',
          name: 'Cuidado de personas mayores (ficticia)',
          description: expect.any(String),
          criteria: { narrative: expect.stringContaining('299903010 v1') },
        },
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }],
    });
    const alignment = credential.credentialSubject.achievement.alignment as Json[];
    expect(alignment).toEqual([
      expect.objectContaining({
        targetName: 'Cuidado de personas mayores (ficticia)',
        targetUrl: 'http://localhost:3000/reference/standards/299903010?version=1',
        targetCode: '299903010',
      }),
      expect.objectContaining({
        targetCode: '5322',
        targetFramework: 'ISCO-08',
        targetUrl: 'http://data.europa.eu/esco/isco/C5322',
      }),
      expect.objectContaining({
        targetCode: '3',
        targetFramework: 'CO-MNC',
        targetUrl: 'http://localhost:3000/frameworks/CO-MNC',
        targetName: expect.stringMatching(/^CO-MNC 3: /),
      }),
    ]);
    expect(JSON.stringify(credential)).not.toContain('DEMO-PPT-0001');
    // Signed as issued, proof set included, and before signing.
    expect(validateOb(credential)).toBe(true);
    expect(validateOb.errors ?? []).toEqual([]);
    const { proof: _proof, ...unsigned } = credential;
    expect(validateOb(unsigned)).toBe(true);

    // Recorded like any credential: the native type it carries, a claim code, a verify link.
    const [row] = await t.dataSource.query<Json[]>(
      'SELECT type, format, holder_id, claim_code_hash, summary FROM credential WHERE id = $1',
      [badge.id],
    );
    expect(row).toMatchObject({
      type: 'CompetencyCertificationCredential',
      format: 'di',
      summary: 'Cuidado de personas mayores (ficticia)',
    });
    expect(row.holder_id).toEqual(expect.any(String));
    expect(row.claim_code_hash).toEqual(expect.any(String));
  });

  it('verifies in a plain @digitalbazaar/vc verifier given only public documents', async () => {
    const result = await vc.verifyCredential({
      credential: structuredClone(badge.verifiableCredential),
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: publicLoader,
      // The status list is ours; its bit is read through our pipeline below.
      checkStatus: () => Promise.resolve({ verified: true }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('verifies through POST /verifications with the registry verdict of the certificate it carries', async () => {
    const native = (await issue(certificateBody())).body;
    const verify = (verifiableCredential: unknown) =>
      t.http
        .post('/verifications')
        .send({ verifiableCredential, destinationCountry: 'PE', purpose: 'EMPLOYMENT' });
    const [asBadge, asNative] = [
      await verify(badge.verifiableCredential),
      await verify(native.verifiableCredential),
    ];
    expect(asBadge.status).toBe(200);
    expect(asBadge.body.status).toBe('VALID');
    const checks = (asBadge.body.checks as Json[]).map((c) => [c.id, c.code]);
    expect(checks).toEqual(
      expect.arrayContaining([
        ['schema', 'SCHEMA_VALID'],
        ['issuer', 'ISSUER_KNOWN'],
        ['key', 'KEY_VALID'],
        ['accreditation', 'ACCREDITED_AT_ISSUANCE'],
      ]),
    );
    expect(asBadge.body.recognition.outcome).toBe(asNative.body.recognition.outcome);
    expect(asBadge.body.recognition.outcome).toBe('RECOGNISED');
  });

  it('verifies through POST /credentials/verify (W3C VC API)', async () => {
    const res = await t.http
      .post('/credentials/verify')
      .send({ verifiableCredential: badge.verifiableCredential });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: true, registry: { verified: true } });
  });

  it('shows it on /v/<token> as the certificate it carries', async () => {
    const token = tokenOf(badge.verifyUrl);
    const json = await t.http.get(`/v/${token}`).set('Accept', 'application/json');
    expect(json.status).toBe(200);
    expect(json.body.status).toBe('VALID');
    expect(JSON.stringify(json.body)).toContain('Cuidado de personas mayores (ficticia)');
    const html = await t.http.get(`/v/${token}?lang=en`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Cuidado de personas mayores (ficticia)');
    expect(html.text).toContain('María Demo Rivas');
  });

  it('revokes an Open Badge but refuses to suspend it', async () => {
    const other = (await issue(certificateBody({ format: OB }))).body;
    const change = (action: string) =>
      t.http.post(`/issuer/credentials/${other.id}/${action}`).set(auth()).send({ reason: 'test' });
    expectProblem(await change('suspend'), 409, 'SUSPENSION_NOT_SUPPORTED');
    expect((await change('revoke')).body.status).toBe('REVOKED');
    const res = await t.http
      .post('/verifications')
      .send({ verifiableCredential: other.verifiableCredential });
    expect(res.body.status).toBe('REVOKED');
  });

  it('issues an academic title as an Open Badge of type Certificate', async () => {
    const res = await issue(titleBody({ format: OB }), titleKey);
    expect(res.status).toBe(201);
    const credential = res.body.verifiableCredential as Json;
    expect(credential.credentialSubject.achievement).toMatchObject({
      achievementType: 'Certificate',
      name: 'Licenciada en Enfermería',
    });
    expect(
      (credential.credentialSubject.achievement.alignment as Json[]).map((a) => a.targetFramework),
    ).toEqual(['ISCED 2011', 'ISCED-F 2013']);
    expect(validateOb(credential)).toBe(true);
    const verified = await t.http.post('/verifications').send({ verifiableCredential: credential });
    expect(verified.body.status).toBe('VALID');
    expect((verified.body.checks as Json[]).find((c) => c.id === 'accreditation')?.code).toBe(
      'ACCREDITED_AT_ISSUANCE',
    );
  });

  it('refuses an Open Badge of a recognition decision with nothing written', async () => {
    const before = [await count(), await count('holder'), await count('audit_event')];
    const res = await issue({
      type: 'RecognitionDecisionCredential',
      holder: mariaHolder(),
      subject: {},
      format: OB,
    });
    expectProblem(res, 422, 'OPEN_BADGE_TYPE_UNSUPPORTED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'format' })]);
    expect([await count(), await count('holder'), await count('audit_event')]).toEqual(before);
  });

  it('refuses an unknown format with nothing written', async () => {
    const before = await count();
    expectProblem(
      await issue(certificateBody({ format: 'openbadges-2.0' })),
      400,
      'VALIDATION_FAILED',
    );
    expect(await count()).toBe(before);
  });

  describe('in a batch', () => {
    async function finished(jobId: string) {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const res = await t.http.get(`/issuer/jobs/${jobId}`).set(auth());
        if (res.body.status === 'DONE' || res.body.status === 'FAILED') return res.body as Json;
        if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.status}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    }
    async function issuedDocuments(jobId: string): Promise<Json[]> {
      const items = (await t.http.get(`/issuer/jobs/${jobId}/credentials`).set(auth())).body
        .items as { credentialId: string }[];
      const rows = await t.dataSource.query<{ document: Json; type: string }[]>(
        'SELECT document, type FROM credential WHERE id = ANY($1::uuid[]) ORDER BY id',
        [items.map((i) => i.credentialId)],
      );
      return rows.map((r) => ({ ...r.document, nativeType: r.type }));
    }

    it('issues JSON rows with format openbadges-3.0 as Open Badges, others as before', async () => {
      const rows = [0, 1].map((i) =>
        certificateBody({ holder: numberedHolder(i, 'OBJ', 'Demo Insignia'), format: OB }),
      );
      rows.push(certificateBody({ holder: numberedHolder(2, 'OBJ', 'Demo Insignia') }));
      const accepted = await t.http.post('/issuer/credentials/batch').set(auth()).send(rows);
      expect(accepted.status).toBe(202);
      expect(await finished(accepted.body.jobId)).toMatchObject({
        status: 'DONE',
        done: 3,
        failed: 0,
      });
      const documents = await issuedDocuments(accepted.body.jobId);
      const badges = documents.filter((d) => (d.type as string[]).includes('OpenBadgeCredential'));
      expect(badges).toHaveLength(2);
      for (const d of badges) {
        const { nativeType, ...credential } = d;
        expect(nativeType).toBe('CompetencyCertificationCredential');
        expect(validateOb(credential)).toBe(true);
      }
    });

    it('issues CSV rows with a format column of openbadges-3.0', async () => {
      const header =
        'type,format,givenNames,familyNames,documentType,documentCountry,documentNumber,validFrom,subject';
      const subject = JSON.stringify(certificateBody().subject).replace(/"/g, '""');
      const line = (i: number) =>
        `CompetencyCertificationCredential,${OB},Persona ${i},Demo Csv,PPT,CO,OBCSV-PPT-${i},2022-05-10T00:00:00Z,"${subject}"`;
      const accepted = await t.http
        .post('/issuer/credentials/batch')
        .set({ ...auth(), 'Content-Type': 'text/csv' })
        .send([header, line(1), line(2)].join('\n'));
      expect(accepted.status).toBe(202);
      expect(await finished(accepted.body.jobId)).toMatchObject({
        status: 'DONE',
        done: 2,
        failed: 0,
      });
      const documents = await issuedDocuments(accepted.body.jobId);
      expect(documents.map((d) => d.type)).toEqual([
        ['VerifiableCredential', 'OpenBadgeCredential'],
        ['VerifiableCredential', 'OpenBadgeCredential'],
      ]);
    });

    it('refuses the whole batch when a row asks for an impossible Open Badge', async () => {
      const before = [await count('issuance_job'), await count()];
      const res = await t.http
        .post('/issuer/credentials/batch')
        .set(auth())
        .send([
          certificateBody({ format: OB }),
          { type: 'RecognitionDecisionCredential', holder: mariaHolder(), subject: {}, format: OB },
        ]);
      expect(res.status).toBe(422);
      expect(JSON.stringify(res.body)).toContain('rows.1.format');
      expect([await count('issuance_job'), await count()]).toEqual(before);
    });
  });

  describe('its holder', () => {
    it('sees it in the portal API and prints its PDF with the achievement name', async () => {
      const holder = {
        documents: [{ type: 'PPT', country: 'CO', number: 'OB-PPT-0042' }],
        givenNames: 'Elena',
        familyNames: 'Demo Insignia',
      };
      const issued = (await issue(certificateBody({ holder, format: OB }))).body;
      const registered = await registerHolder(
        t,
        holder.documents[0],
        issued.claimCode,
        'una-clave-larga-y-segura-42',
      );
      expect(registered.status).toBe(201);
      const api = asHolder(t, registered.body.accessToken);
      const list = await api.get('/holder/credentials');
      expect(list.body).toEqual([
        expect.objectContaining({
          id: issued.id,
          type: 'CompetencyCertificationCredential',
          format: OB,
          summary: 'Cuidado de personas mayores (ficticia)',
        }),
      ]);
      const pdf = await api
        .get(`/holder/credentials/${issued.id}/pdf?lang=en`)
        .buffer(true)
        .parse(binary);
      expect(pdf.status).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'reconoce-ob-pdf-'));
      try {
        const file = join(dir, 'credential.pdf');
        writeFileSync(file, pdf.body as Buffer);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString();
        expect(text).toContain('Cuidado de personas mayores (ficticia)');
        expect(text).toContain('Elena Demo Insignia');
        expect(text).toContain('CO-MNC 3');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
