import type { RecognitionResult } from '../../modules/recognition/recognition-engine.js';
import type { CredentialSummary } from '../../modules/verifiers/credential-summary.js';
import { renderGonePage, renderVerifyPage, type VerifyPageInput } from './verify-page.js';

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
    expect(html).toContain('Cocinero(a) (demo) · PE-MNC 3');
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
    expect(es).toContain('Ocupación CIUO-08 5322 · EC-CNC 3');
    const en = renderVerifyPage(
      input({ lang: 'en', country: 'EC', items: [{ ...item, recognition: byRule }] }),
    );
    expect(en).toContain('ISCO-08 occupation 5322 · EC-CNC 3');
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
