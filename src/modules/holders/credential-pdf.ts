import countries from 'i18n-iso-countries/index.js';
import type { LocaleData } from 'i18n-iso-countries';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { formatDate, LANGS, type Lang } from '../../common/i18n/i18n.js';
import { PDF_MESSAGES } from './credential-pdf-messages.js';

const require = createRequire(import.meta.url);
for (const lang of LANGS) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`) as LocaleData);
}

export type PrintedStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED';

/** Everything the printed page shows; the holder's own data only, never a document number. */
export interface CredentialPdfInput {
  lang: Lang;
  id: string;
  type: string;
  title: string;
  holderName: string | null;
  document: { type: string; country: string; last4: string } | null;
  issuer: { name: string; country: string | null };
  level: string | null;
  validFrom: Date;
  validUntil: Date | null;
  status: PrintedStatus;
  verifyUrl: string;
  verifyLinkEnabled: boolean;
  printedAt: Date;
}

// The standard PDF fonts (Helvetica) encode WinAnsi: Latin-1 plus a few signs. Anything else is
// reduced to its base letter where it has one (ő → o), so nothing prints as garbage.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const printable = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

export function toWinAnsi(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      if (printable(ch)) return ch;
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      return [...base].every(printable) && base.length > 0 ? base : '?';
    })
    .join('');
}

const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#0b4f8a';
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const QR_SIZE = 150;

function countryName(code: string | null, lang: Lang): string {
  if (!code) return '';
  return countries.getName(code, lang) ?? code;
}

/** Draws the QR code as vector squares, with its quiet zone, so it prints sharp at any size. */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = modules.size + 8;
  const cell = size / count;
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

type Structure = PDFKit.PDFStructureElement;

/** Content drawn by `draw` as a structure element of `type` under `parent` (drawn at once). */
function tagged(
  doc: PDFKit.PDFDocument,
  parent: Structure,
  type: 'P' | 'H1' | 'TH' | 'TD' | 'Figure',
  draw: () => void,
  options: { alt?: string } = {},
): void {
  parent.add(doc.struct(type, options, draw));
}

/** Decoration (rules): drawn, but no part of what a screen reader reads. */
function artifact(doc: PDFKit.PDFDocument, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

/**
 * A printable one-page A4 credential with a QR code of its verify link: a tagged PDF (title,
 * language, headings, paragraphs, a table of the facts, the QR code as a figure with its
 * alternative text, rules as artifacts) so that screen readers read it in order.
 */
export async function renderCredentialPdf(input: CredentialPdfInput): Promise<Buffer> {
  // Loaded on the first download, not at start: pdfkit's fonts and tables are 5.6 MB of heap
  // that most replicas never need (decision 0022).
  const { default: PDFDocument } = await import('pdfkit');
  const m = PDF_MESSAGES[input.lang];
  const text = (value: string) => toWinAnsi(value);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 24, left: MARGIN, right: MARGIN },
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    lang: input.lang,
    info: {
      Title: text(`${m.heading}: ${input.title}`),
      Creator: 'Reconoce',
      CreationDate: input.printedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // The language also in the XMP metadata, where tools that list a document's properties look.
  doc.appendXML(
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language><rdf:Bag><rdf:li>${input.lang}</rdf:li></rdf:Bag></dc:language></rdf:Description>`,
  );
  const root = doc.struct('Document', { lang: input.lang });
  doc.addStructure(root);

  const width = PAGE.width - 2 * MARGIN;
  tagged(doc, root, 'P', () => {
    doc.font('Helvetica-Bold').fontSize(22).fillColor(ACCENT).text('Reconoce', MARGIN, MARGIN);
  });
  tagged(doc, root, 'P', () => {
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(text(m.registry));
  });
  const ruleY = doc.y + 8;
  artifact(doc, () =>
    doc
      .moveTo(MARGIN, ruleY)
      .lineTo(PAGE.width - MARGIN, ruleY)
      .lineWidth(1)
      .stroke(ACCENT),
  );

  tagged(doc, root, 'P', () => {
    doc.font('Helvetica').fontSize(10).fillColor(MUTED);
    doc.text(text(`${m.heading} · ${m.types[input.type] ?? input.type}`), MARGIN, ruleY + 18, {
      width,
    });
  });
  doc.moveDown(0.3);
  tagged(doc, root, 'H1', () => {
    doc.font('Helvetica-Bold').fontSize(18).fillColor(INK);
    doc.text(text(input.title.slice(0, 240)), { width, height: 90, ellipsis: true });
  });

  const top = doc.y + 18;
  const qrX = PAGE.width - MARGIN - QR_SIZE;
  const fieldsWidth = qrX - MARGIN - 24;
  const rows: [string, string][] = [
    [m.holder, input.holderName ?? '—'],
    ...(input.document
      ? [
          [
            m.document,
            `${m.documentTypes[input.document.type] ?? input.document.type} (${input.document.country}) ···${input.document.last4}`,
          ] as [string, string],
        ]
      : []),
    [
      m.issuer,
      input.issuer.country
        ? `${input.issuer.name} — ${countryName(input.issuer.country, input.lang)}`
        : input.issuer.name,
    ],
    ...(input.level ? [[m.level, input.level] as [string, string]] : []),
    [m.issued, formatDate(input.validFrom, input.lang)],
    [m.validUntil, input.validUntil ? formatDate(input.validUntil, input.lang) : m.noExpiry],
    [m.status, m.statuses[input.status]],
  ];
  doc.y = top;
  // The facts: a table of two columns, each label the header of its row.
  const table = doc.struct('Table');
  root.add(table);
  for (const [label, value] of rows) {
    const row = doc.struct('TR');
    table.add(row);
    tagged(doc, row, 'TH', () => {
      doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(text(label), MARGIN, doc.y, {
        width: fieldsWidth,
      });
    });
    tagged(doc, row, 'TD', () => {
      doc.font('Helvetica').fontSize(11.5).fillColor(INK).text(text(value), {
        width: fieldsWidth,
        height: 44,
        ellipsis: true,
      });
    });
    row.end();
    doc.moveDown(0.55);
  }
  table.end();
  const fieldsBottom = doc.y;

  tagged(doc, root, 'Figure', () => drawQr(doc, input.verifyUrl, qrX, top, QR_SIZE), {
    alt: text(`${m.qrAlt} ${input.verifyUrl}`),
  });
  tagged(doc, root, 'P', () => {
    doc.font('Helvetica').fontSize(8.5).fillColor(MUTED);
    doc.text(text(m.scan), qrX, top + QR_SIZE + 6, { width: QR_SIZE });
  });

  doc.y = Math.max(fieldsBottom, doc.y) + 14;
  tagged(doc, root, 'P', () => {
    doc.font('Helvetica').fontSize(9.5).fillColor(ACCENT);
    doc.text(input.verifyUrl, MARGIN, doc.y, { width, lineBreak: false, link: input.verifyUrl });
  });
  if (!input.verifyLinkEnabled) {
    doc.moveDown(0.4);
    tagged(doc, root, 'P', () => {
      doc.font('Helvetica-Oblique').fontSize(9).fillColor(MUTED);
      doc.text(text(m.linkDisabled), MARGIN, doc.y, { width });
    });
  }

  const footerY = PAGE.height - 24 - 40;
  artifact(doc, () =>
    doc
      .moveTo(MARGIN, footerY - 8)
      .lineTo(PAGE.width - MARGIN, footerY - 8)
      .lineWidth(0.5)
      .stroke('#bbbbbb'),
  );
  tagged(doc, root, 'P', () => {
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(text(m.copyNote), MARGIN, footerY, { width });
  });
  tagged(doc, root, 'P', () => {
    doc.text(
      text(
        `${m.printed} ${formatDate(input.printedAt, input.lang)} · ${m.identifier}: urn:uuid:${input.id}`,
      ),
      MARGIN,
      doc.y + 2,
      { width },
    );
  });
  root.end();
  doc.end();
  return done;
}
