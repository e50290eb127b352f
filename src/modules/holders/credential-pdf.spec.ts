import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// What poppler's tools (poppler-utils: pdfinfo, pdftotext) read in it, as a screen reader would.
describe('the printed credential, tagged for screen readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reconoce-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const poppler = (tool: string, args: string[], file: string) =>
    execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])]).toString('utf8');

  const cases = [
    ['es', 'Credencial verificable', 'Titular', 'Fecha de emisión', 'Escanee el código'],
    ['pt', 'Credencial verificável', 'Titular', 'Data de emissão', 'Escaneie o código'],
    ['en', 'Verifiable credential', 'Holder', 'Issued on', 'Scan the code'],
  ] as const;

  it.each(cases)(
    'is tagged, titled and in its language (%s)',
    async (lang, heading, holder, issued, scan) => {
      const file = join(dir, `credential-${lang}.pdf`);
      const pdf = await renderCredentialPdf(input({ lang }));
      writeFileSync(file, pdf);

      const info = poppler('pdfinfo', [], file);
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(
        new RegExp(`^Title:\\s+${heading}: Cuidado de personas mayores \\(ficticia\\)$`, 'm'),
      );
      expect(poppler('pdfinfo', ['-meta'], file)).toContain(
        `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
      );
      expect(pdf.toString('latin1')).toContain(`/Lang (${lang})`);
      expect(pdf.toString('latin1')).toContain('/DisplayDocTitle true');

      // The reading order: heading, the facts as a table, the QR code as a figure with its words.
      const structure = poppler('pdfinfo', ['-struct-text'], file);
      const order = ['\n  H1', '\n  Table', '\n      TH', '\n      TD', '\n  Figure'].map((tag) =>
        structure.indexOf(tag),
      );
      expect(order.every((at) => at > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(structure).toContain(`"${holder}"`);
      expect(structure).toContain('"María Demo Rivas"');
      expect(structure).toContain('"Cuidado de personas mayores (ficticia)"');
      expect(pdf.toString('latin1')).toMatch(/\/S \/Figure\s*\/Alt [(<]/);

      const words = poppler('pdftotext', [], file);
      for (const expected of [heading, holder, issued, scan, 'María Demo Rivas']) {
        expect(words).toContain(expected);
      }
    },
  );

  it('writes no other language’s words, and names the QR code’s link in its alternative text', async () => {
    const file = join(dir, 'credential-en-only.pdf');
    const pdf = await renderCredentialPdf(input({ lang: 'en' }));
    writeFileSync(file, pdf);
    expect(pdf.toString('latin1')).toContain(
      '/Alt (QR code of the verification link: http://localhost:3000/v/AbCdEfGhIjKlMnOpQrStUvWxYz012345)',
    );
    const words = poppler('pdftotext', [], file);
    expect(words).not.toContain('Fecha de emisión');
    expect(words).not.toContain('Data de emissão');
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
