import { renderCredentialPdf, toWinAnsi, type CredentialPdfInput } from './credential-pdf.js';

const input = (overrides: Partial<CredentialPdfInput> = {}): CredentialPdfInput => ({
  lang: 'es',
  id: '3f1c1f8e-5d8a-4c59-9a55-0f4f1c8d2b11',
  type: 'CompetencyCertificationCredential',
  title: 'Cuidado de personas mayores (ficticia)',
  holderName: 'María Demo Rivas',
  document: { type: 'PPT', country: 'CO', last4: '0001' },
  issuer: { name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
  level: 'CO-MNC 3',
  validFrom: new Date('2022-05-10T00:00:00Z'),
  validUntil: null,
  status: 'ACTIVE',
  verifyUrl: 'http://localhost:3000/v/AbCdEfGhIjKlMnOpQrStUvWxYz012345',
  verifyLinkEnabled: true,
  printedAt: new Date('2026-06-01T12:00:00Z'),
  ...overrides,
});

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

describe('renderCredentialPdf', () => {
  it.each(['es', 'pt', 'en'] as const)('renders one A4 page in %s', async (lang) => {
    const pdf = await renderCredentialPdf(input({ lang }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
  });

  it('stays on one page with a very long title and a disabled link', async () => {
    const pdf = await renderCredentialPdf(
      input({ title: 'Técnico en '.repeat(60), verifyLinkEnabled: false, validUntil: new Date() }),
    );
    expect(pageCount(pdf)).toBe(1);
  });
});

describe('toWinAnsi', () => {
  it('keeps Spanish and Portuguese letters and typographic signs', () => {
    expect(toWinAnsi('Ñandú, São João, açaí – “ok” · ¿sí?')).toBe(
      'Ñandú, São João, açaí – “ok” · ¿sí?',
    );
  });

  it('reduces letters the standard fonts lack to their base letter', () => {
    expect(toWinAnsi('Erdős Łódź 李')).toBe('Erdos ?ódz ?');
  });
});
