import { createHmac } from 'node:crypto';
import {
  DOCUMENT_TYPES,
  documentHmac,
  last4,
  normaliseCountry,
  normaliseDocumentNumber,
} from './holder-identity.js';

const PEPPER = 'test-pepper';

describe('normaliseDocumentNumber', () => {
  it.each(['V-00000001', 'v 00.000.001', 'V00000001', ' v_00/000-001 ', 'v–00 000 001'])(
    'reads %j as V00000001',
    (number) => {
      expect(normaliseDocumentNumber(number)).toBe('V00000001');
    },
  );

  it('keeps letters and digits, upper-cased', () => {
    expect(normaliseDocumentNumber('demo-ppt-0001')).toBe('DEMOPPT0001');
    expect(normaliseDocumentNumber('ñ-123')).toBe('Ñ123');
  });

  it('folds full-width digits to ASCII', () => {
    expect(normaliseDocumentNumber('Ｖ１２３')).toBe('V123');
  });

  it('refuses a number with no letter nor digit', () => {
    expect(() => normaliseDocumentNumber(' -.- ')).toThrow(TypeError);
    expect(() => normaliseDocumentNumber('')).toThrow(TypeError);
  });
});

describe('documentHmac', () => {
  const doc = { type: 'CEDULA', country: 'VE', number: 'V-00000001' } as const;

  it('is the HMAC-SHA-256 hex of type|country|canonical number under the pepper', () => {
    // A Venezuelan cédula's canonical form drops leading zeros (docs/identity-documents.md).
    const expected = createHmac('sha256', PEPPER).update('CEDULA|VE|V1').digest('hex');
    expect(documentHmac(PEPPER, doc)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same however the number and country were typed', () => {
    expect(documentHmac(PEPPER, { ...doc, number: 'v 00.000.001', country: 've' })).toBe(
      documentHmac(PEPPER, doc),
    );
  });

  it('differs by type, country, number and pepper', () => {
    const base = documentHmac(PEPPER, doc);
    expect(documentHmac(PEPPER, { ...doc, type: 'PASSPORT' })).not.toBe(base);
    expect(documentHmac(PEPPER, { ...doc, country: 'CO' })).not.toBe(base);
    expect(documentHmac(PEPPER, { ...doc, number: 'V-00000002' })).not.toBe(base);
    expect(documentHmac('another-pepper', doc)).not.toBe(base);
  });

  it('does not contain the number', () => {
    expect(documentHmac(PEPPER, doc)).not.toContain('00000001');
  });

  it('refuses misuse with a TypeError', () => {
    expect(() => documentHmac('', doc)).toThrow(TypeError);
    expect(() => documentHmac(PEPPER, { ...doc, type: 'LICENCE' as never })).toThrow(TypeError);
    expect(() => documentHmac(PEPPER, { ...doc, country: 'VEN' })).toThrow(TypeError);
    expect(() => documentHmac(PEPPER, { ...doc, number: '--' })).toThrow(TypeError);
  });
});

describe('last4', () => {
  it('is the end of the normalised number', () => {
    expect(last4('V-00.000.001')).toBe('0001');
    expect(last4('demo-p-0002')).toBe('0002');
    expect(last4('a-1')).toBe('A1');
  });
});

describe('normaliseCountry', () => {
  it('upper-cases a two-letter code and refuses anything else', () => {
    expect(normaliseCountry(' co ')).toBe('CO');
    expect(() => normaliseCountry('COL')).toThrow(TypeError);
  });
});

describe('DOCUMENT_TYPES', () => {
  it('lists the types of the region', () => {
    expect(DOCUMENT_TYPES).toEqual([
      'CEDULA',
      'PASSPORT',
      'PPT',
      'PEP',
      'CPP',
      'CARNE_EXTRANJERIA',
      'DNI',
      'RUT',
      'CPF',
      'OTHER',
    ]);
  });
});
