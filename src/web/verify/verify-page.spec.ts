import type { RecognitionResult } from '../../modules/recognition/recognition-engine.js';
import type { CredentialSummary } from '../../modules/verifiers/credential-summary.js';
import {
  renderClaimCodePage,
  renderGonePage,
  renderVerifyPage,
  type LevelReference,
  type VerifyPageInput,
} from './verify-page.js';

const levels: LevelReference = {
  frameworks: ['CL-MCTP', 'PE-MNC', 'CO-MNC'].map((code) => ({
    code,
    levels: [1, 2, 3, 4, 5, 6].map((level) => ({ level, metaLevel: level })),
  })),
  metaNames: { 2: 'Operativo', 3: 'Técnico operativo', 6: 'Profesional (grado)' },
};

const summary = (title: string): CredentialSummary => ({
  type: 'CompetencyCertificationCredential',
  issuer: { did: 'did:web:x', name: 'Centro <Demo>', country: 'CL', slug: 'cl-demo' },
  holder: { name: 'Rosa Demo Vidal' },
  title,
  level: { framework: 'CL-MCTP', level: 2 },
  validFrom: '2024-04-15T00:00:00Z',
  validUntil: null,
});

const partial: RecognitionResult = {
  outcome: 'VALID_WITH_CONDITIONS',
  reasons: ['PARTIAL_EQUIVALENCE'],
  agreement: {
    id: 'agr',
    name: 'Acuerdo Perú–Chile (demo)',
    kind: 'BILATERAL',
    mode: 'ON_REQUEST',
  },
  equivalent: {
    basis: 'MAPPING',
    kind: 'PARTIAL',
    country: 'PE',
    standardId: 'std-pe-coc',
    title: 'Cocinero(a) (demo)',
    framework: 'PE-MNC',
    level: 3,
    levels: [3],
    metaLevel: 3,
    isco08: null,
    mappingId: 'm1',
  },
  conditions: [
    { code: 'GAP_ASSESSMENT', hard: false, source: 'MAPPING', params: {} },
    { code: 'GAP_ASSESSMENT', hard: false, source: 'AGREEMENT', params: {} },
  ],
  missingUnits: ['UC3', 'UC4'],
  alternatives: [],
  rulesVersion: '2026-11-1',
};

const input = (overrides: Partial<VerifyPageInput> = {}): VerifyPageInput => ({
  lang: 'es',
  path: '/v/abc',
  url: 'https://reconoce.test/v/abc',
  items: [{ status: 'VALID', summary: summary('Ayudante de cocina'), accredited: true }],
  countries: [
    { code: 'CL', name: 'Chile' },
    { code: 'PE', name: 'Perú' },
  ],
  purposes: ['EMPLOYMENT', 'ACADEMIC_CONTINUATION', 'PROFESSIONAL_PRACTICE'],
  date: new Date('2026-06-01T12:00:00Z'),
  levels,
  ...overrides,
});

describe('renderVerifyPage', () => {
  it('puts the verdict first, as the page heading, in words', () => {
    const html = renderVerifyPage(input());
    const main = html.slice(html.indexOf('<main'));
    expect(main.indexOf('Credencial válida')).toBeLessThan(main.indexOf('Ayudante de cocina'));
    expect(html).toContain('<h1 id="verdict-0-title">Credencial válida</h1>');
    expect(html).toContain('Acreditado para emitirla en la fecha de emisión');
    expect(html).toContain('Chile');
  });

  it('escapes whatever the credential says', () => {
    const html = renderVerifyPage(
      input({
        items: [{ status: 'VALID', summary: summary('<script>x</script>'), accredited: null }],
      }),
    );
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('Centro &lt;Demo&gt;');
  });

  it('answers recognition in words: outcome, equivalent, conditions once, missing units, agreement', () => {
    const html = renderVerifyPage(
      input({
        country: 'PE',
        purpose: 'EMPLOYMENT',
        items: [
          {
            status: 'VALID',
            summary: summary('Ayudante de cocina'),
            accredited: true,
            recognition: partial,
          },
        ],
      }),
    );
    expect(html).toContain('data-outcome="VALID_WITH_CONDITIONS"');
    expect(html).toContain('Reconocida con condiciones');
    expect(html).toContain('En Perú, para Empleo');
    expect(html).toContain(
      'Cocinero(a) (demo) · Nivel 3 del PE-MNC: Técnico operativo (nivel 3 del marco regional)',
    );
    const answer = html.slice(html.indexOf('id="recognition-answer"'));
    expect(answer.match(/Evaluación de las unidades que faltan/g)).toHaveLength(1);
    expect(html).toContain('UC3, UC4');
    expect(html).toContain('Acuerdo Perú–Chile (demo)');
    expect(html).toContain('<option value="PE" selected>');
  });

  it('names a rule equivalent without a standard by its ISCO-08 group and levels', () => {
    const byRule: RecognitionResult = {
      ...partial,
      outcome: 'RECOGNISED',
      reasons: ['FULL_EQUIVALENCE'],
      equivalent: {
        basis: 'RULE',
        kind: 'FULL',
        country: 'EC',
        standardId: null,
        title: null,
        framework: 'EC-CNC',
        level: 3,
        levels: [3],
        metaLevel: 3,
        isco08: '5322',
        mappingId: null,
      },
      conditions: [],
      missingUnits: [],
    };
    const item = { status: 'VALID' as const, summary: summary('Cuidado'), accredited: true };
    const es = renderVerifyPage(
      input({ country: 'EC', items: [{ ...item, recognition: byRule }] }),
    );
    expect(es).toContain(
      'Ocupación CIUO-08 5322 · Nivel 3 del EC-CNC: Técnico operativo (nivel 3 del marco regional)',
    );
    const en = renderVerifyPage(
      input({ lang: 'en', country: 'EC', items: [{ ...item, recognition: byRule }] }),
    );
    expect(en).toContain(
      'ISCO-08 occupation 5322 · Level 3 of EC-CNC: Técnico operativo (regional level 3)',
    );
  });

  it('titles a share of several credentials, one verdict each', () => {
    const html = renderVerifyPage(
      input({
        items: [
          { status: 'VALID', summary: summary('Uno'), accredited: true },
          { status: 'REVOKED', summary: summary('Dos'), accredited: true },
        ],
      }),
    );
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('Credenciales compartidas con usted');
    expect(html).toContain('<h2 id="verdict-1-title">Credencial revocada</h2>');
  });

  it.each(['INVALID', 'REVOKED', 'SUSPENDED', 'EXPIRED'])(
    'asks no recognition question of a credential that is %s',
    (status) => {
      const html = renderVerifyPage(
        input({ items: [{ status, summary: summary('X'), accredited: null }] }),
      );
      expect(html).not.toContain('recognition-form');
      expect(html).not.toContain('<script');
    },
  );
});

describe('renderVerifyPage, what people asked of it (issue 17)', () => {
  const answered = (overrides: Partial<RecognitionResult>, lang: VerifyPageInput['lang'] = 'es') =>
    renderVerifyPage(
      input({
        lang,
        country: 'PE',
        purpose: 'EMPLOYMENT',
        items: [
          {
            status: 'VALID',
            summary: summary('Ayudante de cocina'),
            accredited: true,
            recognition: { ...partial, ...overrides },
          },
        ],
      }),
    );
  const main = (html: string) => html.slice(html.indexOf('<main'));

  it('puts the answer for the country in the link before the verdict', () => {
    const html = main(answered({}));
    expect(html.indexOf('data-outcome=')).toBeGreaterThan(0);
    expect(html.indexOf('data-outcome=')).toBeLessThan(html.indexOf('id="verdict-0"'));
  });

  it('says levels in words: the framework level and the meta-framework descriptor', () => {
    const html = answered({});
    expect(html).toContain('Nivel 2 del CL-MCTP: Operativo (nivel 2 del marco regional)');
  });

  it('gives the figures of a reason: the limit and the actual value', () => {
    const html = answered({
      outcome: 'VALID_NOT_COVERED',
      reasons: ['ISSUED_AFTER', 'MAX_AGE_YEARS'],
      equivalent: null,
      conditions: [
        { code: 'ISSUED_AFTER', hard: true, source: 'AGREEMENT', params: { date: '2025-01-01' } },
        { code: 'MAX_AGE_YEARS', hard: true, source: 'AGREEMENT', params: { years: 1 } },
      ],
      missingUnits: [],
    });
    expect(html).toContain(
      'Se emitió el 15 de abril de 2024; el acuerdo solo admite las emitidas después del 1 de enero de 2025',
    );
    expect(html).toContain('Tiene 2 años; el acuerdo admite hasta 1 año');
  });

  it('gives the figures of the reasons of the other agreements that apply', () => {
    const html = answered({
      alternatives: [
        {
          agreement: {
            id: 'agr-old',
            name: 'Convenio antiguo (demo)',
            kind: 'BILATERAL',
            mode: 'ON_REQUEST',
          },
          outcome: 'VALID_NOT_COVERED',
          reasons: ['MAX_AGE_YEARS'],
          conditions: [
            { code: 'MAX_AGE_YEARS', hard: true, source: 'AGREEMENT', params: { years: 1 } },
          ],
        },
      ],
    });
    expect(html).toContain('<dt>Otros acuerdos que se aplican</dt>');
    expect(html).toContain(
      '<li>Convenio antiguo (demo): Válida, pero no cubierta por un acuerdo<ul><li>Tiene 2 años; el acuerdo admite hasta 1 año</li></ul></li>',
    );
    expect(answered({})).not.toContain('Otros acuerdos');
  });

  it('names no agreement beside "not covered"', () => {
    const html = answered({ outcome: 'VALID_NOT_COVERED', reasons: ['PURPOSE_OUT_OF_SCOPE'] });
    expect(html).toContain('Válida, pero no cubierta por un acuerdo');
    expect(html).not.toContain('<dt>Acuerdo</dt>');
    expect(html).not.toContain('Acuerdo Perú–Chile (demo)');
  });

  it('says "no Peru" in Portuguese and "in the United States" in English', () => {
    expect(answered({}, 'pt')).toContain('No Perú, para Emprego');
    const en = renderVerifyPage(
      input({
        lang: 'en',
        country: 'US',
        countries: [{ code: 'US', name: 'United States of America' }],
        items: [{ status: 'VALID', summary: summary('X'), accredited: true, recognition: partial }],
      }),
    );
    expect(en).toContain('In the United States of America, for Employment');
  });

  it.each([
    ['REVOKED', 'Revocada el'],
    ['SUSPENDED', 'Suspendida desde'],
  ])('shows a %s credential with its date, no green tick, no expiry row', (status, words) => {
    const html = renderVerifyPage(
      input({
        items: [
          {
            status,
            summary: summary('Cocina'),
            accredited: true,
            statusSince: '2026-02-03T10:00:00Z',
          },
        ],
      }),
    );
    expect(html).toContain(`<dt>${words}</dt><dd>3 de febrero de 2026</dd>`);
    expect(html).not.toContain('class="check ok"');
    expect(html).not.toContain('Sin fecha de vencimiento');
    expect(html).not.toContain('Válida hasta');
  });

  it('shows a decision with the title it recognised and the decision itself', () => {
    const html = renderVerifyPage(
      input({
        countries: [
          { code: 'CO', name: 'Colombia' },
          { code: 'VE', name: 'Venezuela' },
        ],
        items: [
          {
            status: 'VALID',
            summary: {
              ...summary('Profesional en Enfermería'),
              type: 'RecognitionDecisionCredential',
            },
            accredited: true,
            decision: {
              originalTitle: 'Licenciada en Enfermería',
              institution: 'Universidad Nacional de Caribay (ficticia)',
              originCountry: 'VE',
              authority: 'Oficina de Convalidaciones',
              authorityCountry: 'CO',
              number: 'DEMO-RES-2023-0001',
              date: '2023-09-12',
              outcome: 'GRANTED',
              equivalentTitle: 'Profesional en Enfermería',
            },
          },
        ],
      }),
    );
    for (const words of [
      '<dt>Título reconocido</dt><dd>Licenciada en Enfermería</dd>',
      '<dd>Universidad Nacional de Caribay (ficticia)</dd>',
      '<dt>País de origen</dt><dd>Venezuela</dd>',
      '<dd>Oficina de Convalidaciones, Colombia</dd>',
      '<dd>DEMO-RES-2023-0001</dd>',
      '<dd>12 de septiembre de 2023</dd>',
      '<dt>Resultado</dt><dd>Concedida</dd>',
    ]) {
      expect(html).toContain(words);
    }
  });

  it('says a share is a share, by whom and until when', () => {
    const html = renderVerifyPage(
      input({
        share: { holderName: 'Rosa Demo Vidal', expiresAt: new Date('2026-07-01T00:00:00Z') },
      }),
    );
    expect(html).toContain(
      'Rosa Demo Vidal le compartió este enlace. Vence el 1 de julio de 2026.',
    );
  });

  it('preselects the suggested country, region first, without a script', () => {
    const html = renderVerifyPage(input({ suggestedCountry: 'PE' }));
    expect(html.match(/<option value="PE" selected>/g)).toHaveLength(1);
    expect(html).toContain('<optgroup label="América Latina y el Caribe">');
  });
});

describe('renderClaimCodePage', () => {
  it('says what a claim code is and where to sign up, never "not found"', () => {
    const html = renderClaimCodePage('es', '/v/7K2M-9QXH-A4BC-0DEF');
    expect(html).toContain('Este es un código para reclamar');
    expect(html).toContain('href="/portal/signup"');
    expect(html).not.toContain('No encontramos');
    expect(html.slice(html.indexOf('<main'))).not.toContain('7K2M');
  });
});

describe('renderGonePage', () => {
  it.each([
    ['es', 'notFound', 'No encontramos esta credencial'],
    ['pt', 'shareRevoked', 'A pessoa deixou de compartilhar este link'],
    ['en', 'shareExpired', 'This shared link has expired'],
  ] as const)('in %s says %s', (lang, kind, words) => {
    const html = renderGonePage(lang, '/v/abc', kind);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(words);
  });
});
