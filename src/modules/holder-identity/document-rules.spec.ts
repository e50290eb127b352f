import { createHmac } from 'node:crypto';
import {
  cpfCheckDigits,
  DocumentNumberError,
  ecCedulaCheckDigit,
  runCheckDigit,
} from './document-rules.js';
import {
  assertDocumentNumber,
  canonicalDocumentNumber,
  documentHmac,
  legacyDocumentHmacs,
  type DocumentInput,
} from './holder-identity.js';

const doc = (type: DocumentInput['type'], country: string, number: string): DocumentInput => ({
  type,
  country,
  number,
});
const problemOf = (document: DocumentInput) => {
  try {
    canonicalDocumentNumber(document);
    return null;
  } catch (error) {
    return error instanceof DocumentNumberError ? error.problem : 'OTHER';
  }
};

describe('Venezuelan cédula (CEDULA, VE)', () => {
  it.each(['V-12345678', 'v 12.345.678', '12345678', '12.345.678', 'V012345678', 'V-012.345.678'])(
    '%s is V12345678',
    (number) => {
      expect(canonicalDocumentNumber(doc('CEDULA', 'VE', number))).toBe('V12345678');
    },
  );

  it('keeps E for a foreigner’s cédula and drops leading zeros', () => {
    expect(canonicalDocumentNumber(doc('CEDULA', 'VE', 'E-84.123.456'))).toBe('E84123456');
    expect(canonicalDocumentNumber(doc('CEDULA', 'VE', 'V-00000001'))).toBe('V1');
  });

  it.each(['X-12345678', 'V-1234567890', 'V12A45678'])('refuses %s as FORMAT', (number) => {
    expect(problemOf(doc('CEDULA', 'VE', number))).toBe('FORMAT');
  });

  it('finds the forms earlier hashes were taken of', () => {
    const pepper = 'p';
    const old = (form: string) =>
      createHmac('sha256', pepper).update(`CEDULA|VE|${form}`).digest('hex');
    const legacy = legacyDocumentHmacs(pepper, doc('CEDULA', 'VE', '1'));
    expect(legacy).toEqual(expect.arrayContaining([old('V00000001'), old('1'), old('00000001')]));
    expect(legacy).not.toContain(documentHmac(pepper, doc('CEDULA', 'VE', '1')));
    expect(legacyDocumentHmacs(pepper, doc('PASSPORT', 'VE', '1'))).toEqual([]);
  });
});

describe('Chilean RUN (RUT, CL)', () => {
  it('computes the módulo 11 check digit, K and 0 included', () => {
    expect(runCheckDigit('12345678')).toBe('5');
    expect(runCheckDigit('11111111')).toBe('1');
    expect(runCheckDigit('6')).toBe('K');
  });

  it.each(['12.345.678-5', '12345678-5', '123456785', '012.345.678-5'])('%s is 123456785', (n) => {
    expect(canonicalDocumentNumber(doc('RUT', 'CL', n))).toBe('123456785');
  });

  it('takes k for K', () => {
    expect(canonicalDocumentNumber(doc('RUT', 'CL', '6-k'))).toBe('6K');
  });

  it('says CHECK_DIGIT for a typo, FORMAT for what is not a RUN', () => {
    expect(problemOf(doc('RUT', 'CL', '12.345.678-4'))).toBe('CHECK_DIGIT');
    expect(problemOf(doc('RUT', 'CL', '12.345.768-5'))).toBe('CHECK_DIGIT');
    expect(problemOf(doc('RUT', 'CL', '12.345.678-X'))).toBe('FORMAT');
  });
});

describe('Brazilian CPF (CPF, BR)', () => {
  it('computes the two módulo 11 check digits', () => {
    expect(cpfCheckDigits('529982247')).toBe('25');
    expect(cpfCheckDigits('111444777')).toBe('35');
  });

  it.each(['529.982.247-25', '52998224725', ' 529 982 247 25 '])('%s is 52998224725', (n) => {
    expect(canonicalDocumentNumber(doc('CPF', 'BR', n))).toBe('52998224725');
  });

  it('says CHECK_DIGIT for a typo or eleven equal digits, FORMAT for letters', () => {
    expect(problemOf(doc('CPF', 'BR', '529.982.247-52'))).toBe('CHECK_DIGIT');
    expect(problemOf(doc('CPF', 'BR', '529.982.274-25'))).toBe('CHECK_DIGIT');
    expect(problemOf(doc('CPF', 'BR', '111.111.111-11'))).toBe('CHECK_DIGIT');
    expect(problemOf(doc('CPF', 'BR', '529.982.247-2A'))).toBe('FORMAT');
  });
});

describe('Ecuadorian cédula (CEDULA, EC)', () => {
  it('computes the módulo 10 check digit', () => {
    expect(ecCedulaCheckDigit('171003406')).toBe('5');
    expect(ecCedulaCheckDigit('091234567')).toBe(String(ecCedulaCheckDigit('091234567')));
  });

  it.each(['1710034065', '171003406-5', '17 1003 4065'])('%s is 1710034065', (n) => {
    expect(canonicalDocumentNumber(doc('CEDULA', 'EC', n))).toBe('1710034065');
  });

  it('puts back the leading zero of provinces 01–09', () => {
    const nine = `09${'1234567'}`;
    const cedula = `${nine}${ecCedulaCheckDigit(nine)}`;
    expect(canonicalDocumentNumber(doc('CEDULA', 'EC', cedula.slice(1)))).toBe(cedula);
  });

  it('says CHECK_DIGIT for a typo, FORMAT for a bad province or length', () => {
    expect(problemOf(doc('CEDULA', 'EC', '1710034064'))).toBe('CHECK_DIGIT');
    expect(problemOf(doc('CEDULA', 'EC', '2510034065'))).toBe('FORMAT');
    expect(problemOf(doc('CEDULA', 'EC', '1790034065'))).toBe('FORMAT');
    expect(problemOf(doc('CEDULA', 'EC', '12345'))).toBe('FORMAT');
  });
});

describe('documents without a rule, and the demo region’s', () => {
  it('keep the generic form', () => {
    expect(canonicalDocumentNumber(doc('PASSPORT', 'VE', 'ab-123'))).toBe('AB123');
    expect(canonicalDocumentNumber(doc('CEDULA', 'CO', '1.023.456'))).toBe('1023456');
    expect(canonicalDocumentNumber(doc('RUT', 'CL', 'DEMO-RUT-0007'))).toBe('DEMORUT0007');
    expect(canonicalDocumentNumber(doc('CEDULA', 'EC', 'DEMO-EC-0004'))).toBe('DEMOEC0004');
  });
});

describe('assertDocumentNumber', () => {
  it('turns a refused number into 400 DOCUMENT_NUMBER_INVALID naming the field', () => {
    expect(() => assertDocumentNumber(doc('RUT', 'CL', '12.345.678-4'), 'document.number')).toThrow(
      expect.objectContaining({
        code: 'DOCUMENT_NUMBER_INVALID',
        status: 400,
        errors: [expect.objectContaining({ path: 'document.number' })],
      }),
    );
    expect(() => assertDocumentNumber(doc('RUT', 'CL', '12.345.678-5'), 'x')).not.toThrow();
  });
});
