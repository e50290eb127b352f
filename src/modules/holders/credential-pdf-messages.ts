import type { Lang } from '../../common/i18n/i18n.js';

export interface PdfMessages {
  registry: string;
  heading: string;
  types: Record<string, string>;
  documentTypes: Record<string, string>;
  statuses: Record<'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED', string>;
  holder: string;
  document: string;
  issuer: string;
  level: string;
  issued: string;
  validUntil: string;
  noExpiry: string;
  status: string;
  identifier: string;
  scan: string;
  /** The QR code's alternative text, followed by the link it holds. */
  qrAlt: string;
  linkDisabled: string;
  copyNote: string;
  printed: string;
}

/** The printable credential's words, in each language of the registry. */
export const PDF_MESSAGES: Record<Lang, PdfMessages> = {
  es: {
    registry: 'Registro regional de reconocimiento de títulos y competencias',
    heading: 'Credencial verificable',
    types: {
      AcademicTitleCredential: 'Título académico',
      CompetencyCertificationCredential: 'Certificación de competencias laborales',
      RecognitionDecisionCredential: 'Decisión de reconocimiento',
    },
    documentTypes: {
      CEDULA: 'Cédula',
      PASSPORT: 'Pasaporte',
      CARNE_EXTRANJERIA: 'Carné de extranjería',
      OTHER: 'Otro documento',
    },
    statuses: {
      ACTIVE: 'Vigente',
      SUSPENDED: 'Suspendida',
      REVOKED: 'Revocada',
      EXPIRED: 'Vencida',
    },
    holder: 'Titular',
    document: 'Documento de identidad',
    issuer: 'Emitida por',
    level: 'Nivel',
    issued: 'Fecha de emisión',
    validUntil: 'Válida hasta',
    noExpiry: 'Sin vencimiento',
    status: 'Estado al imprimir',
    identifier: 'Identificador',
    qrAlt: 'Código QR del enlace de verificación:',
    scan: 'Escanee el código o abra el enlace para comprobar que es auténtica y vigente, y qué vale en su país.',
    linkDisabled: 'La persona titular desactivó este enlace; pídale uno compartido.',
    copyNote:
      'Esta hoja es una copia impresa: lo que se verifica es la credencial original, firmada digitalmente.',
    printed: 'Impresa el',
  },
  pt: {
    registry: 'Registro regional de reconhecimento de títulos e competências',
    heading: 'Credencial verificável',
    types: {
      AcademicTitleCredential: 'Título acadêmico',
      CompetencyCertificationCredential: 'Certificação de competências profissionais',
      RecognitionDecisionCredential: 'Decisão de reconhecimento',
    },
    documentTypes: {
      CEDULA: 'Cédula de identidade',
      PASSPORT: 'Passaporte',
      CARNE_EXTRANJERIA: 'Carteira de estrangeiro',
      OTHER: 'Outro documento',
    },
    statuses: {
      ACTIVE: 'Válida',
      SUSPENDED: 'Suspensa',
      REVOKED: 'Revogada',
      EXPIRED: 'Vencida',
    },
    holder: 'Titular',
    document: 'Documento de identidade',
    issuer: 'Emitida por',
    level: 'Nível',
    issued: 'Data de emissão',
    validUntil: 'Válida até',
    noExpiry: 'Sem vencimento',
    status: 'Situação na impressão',
    identifier: 'Identificador',
    qrAlt: 'Código QR do link de verificação:',
    scan: 'Escaneie o código ou abra o link para confirmar que é autêntica e válida, e quanto vale no seu país.',
    linkDisabled: 'A pessoa titular desativou este link; peça a ela um link compartilhado.',
    copyNote:
      'Esta folha é uma cópia impressa: o que se verifica é a credencial original, assinada digitalmente.',
    printed: 'Impressa em',
  },
  en: {
    registry: 'Regional registry for the recognition of titles and competencies',
    heading: 'Verifiable credential',
    types: {
      AcademicTitleCredential: 'Academic title',
      CompetencyCertificationCredential: 'Labour competency certificate',
      RecognitionDecisionCredential: 'Recognition decision',
    },
    documentTypes: {
      CEDULA: 'National ID card',
      PASSPORT: 'Passport',
      CARNE_EXTRANJERIA: 'Foreigner ID card',
      OTHER: 'Other document',
    },
    statuses: {
      ACTIVE: 'Valid',
      SUSPENDED: 'Suspended',
      REVOKED: 'Revoked',
      EXPIRED: 'Expired',
    },
    holder: 'Holder',
    document: 'Identity document',
    issuer: 'Issued by',
    level: 'Level',
    issued: 'Issued on',
    validUntil: 'Valid until',
    noExpiry: 'No expiry',
    status: 'Status when printed',
    identifier: 'Identifier',
    qrAlt: 'QR code of the verification link:',
    scan: 'Scan the code or open the link to check that it is genuine and valid, and what it is worth in your country.',
    linkDisabled: 'The holder turned this link off; ask them for a shared link.',
    copyNote:
      'This page is a printed copy: what is verified is the original, digitally signed credential.',
    printed: 'Printed on',
  },
};
