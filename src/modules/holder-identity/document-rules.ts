// Document numbers as people write them. Each rule takes the generic form (upper-case letters and
// digits only, see `normaliseDocumentNumber`) and gives the one canonical form the HMAC is taken
// of, refusing a number that breaks the document's own rules: its shape, and its check digit
// where it has one. Canonical forms are listed in docs/identity-documents.md.

/** Why a number cannot be the document it claims to be. */
export type DocumentNumberProblem = 'FORMAT' | 'CHECK_DIGIT';

/** A number that breaks its document's rules: `problem` says which, for a "check the number". */
export class DocumentNumberError extends TypeError {
  constructor(
    readonly problem: DocumentNumberProblem,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentNumberError';
  }
}

export interface DocumentRule {
  /** What the rule is for, in the document's own words. */
  name: string;
  /** The canonical form of a generically normalised number. @throws DocumentNumberError */
  canonical(number: string): string;
  /**
   * Forms the generic normalisation alone gave the same document before the rule existed (it
   * kept a missing letter missing, and leading zeros): the lookup also tries these, so holders
   * registered earlier keep matching. From the canonical form.
   */
  legacy(canonical: string): string[];
}

const stripZeros = (digits: string) => digits.replace(/^0+(?=\d)/, '');

/**
 * Chile's RUN/RUT: the body and its check digit, módulo 11 with weights 2…7 from the right
 * (11 → 0, 10 → K). Canonical: the body without leading zeros, then the check digit.
 */
export function runCheckDigit(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((digit, i) => {
    sum += Number(digit) * (2 + (i % 6));
  });
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? 'K' : String(check);
}

const CL_RUN: DocumentRule = {
  name: 'RUN/RUT (Chile)',
  canonical(number) {
    const match = /^(\d{1,9})([\dK])$/.exec(number);
    if (!match)
      throw new DocumentNumberError(
        'FORMAT',
        'A RUN is up to 9 digits and a check digit (0-9 or K)',
      );
    const body = stripZeros(match[1]);
    if (runCheckDigit(body) !== match[2]) {
      throw new DocumentNumberError(
        'CHECK_DIGIT',
        'The RUN check digit (módulo 11) does not match',
      );
    }
    return `${body}${match[2]}`;
  },
  legacy(canonical) {
    const body = canonical.slice(0, -1);
    return [`${body.padStart(8, '0')}${canonical.slice(-1)}`];
  },
};

/** Brazil's CPF: 9 digits and two check digits, each módulo 11 (weights 10…2, then 11…2). */
export function cpfCheckDigits(nine: string): string {
  const digit = (digits: string) => {
    const start = digits.length + 1;
    const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * (start - i), 0);
    const rest = sum % 11;
    return rest < 2 ? '0' : String(11 - rest);
  };
  const first = digit(nine);
  return `${first}${digit(nine + first)}`;
}

const BR_CPF: DocumentRule = {
  name: 'CPF (Brasil)',
  canonical(number) {
    if (!/^\d{1,11}$/.test(number)) {
      throw new DocumentNumberError('FORMAT', 'A CPF is 11 digits');
    }
    const cpf = number.padStart(11, '0');
    // Eleven equal digits pass the arithmetic but are not issued.
    if (/^(\d)\1{10}$/.test(cpf) || cpfCheckDigits(cpf.slice(0, 9)) !== cpf.slice(9)) {
      throw new DocumentNumberError('CHECK_DIGIT', 'The CPF check digits (módulo 11) do not match');
    }
    return cpf;
  },
  legacy: () => [],
};

/**
 * Ecuador's cédula: 10 digits; the first two the province (01–24, or 30 for Ecuadorians
 * registered abroad), the third below 6 for a person, the tenth a módulo 10 check digit
 * (coefficients 2,1,2,1,… over the first nine; a product over 9 less 9).
 */
export function ecCedulaCheckDigit(nine: string): string {
  const sum = [...nine].reduce((acc, d, i) => {
    const product = Number(d) * (i % 2 === 0 ? 2 : 1);
    return acc + (product > 9 ? product - 9 : product);
  }, 0);
  return String((10 - (sum % 10)) % 10);
}

const EC_CEDULA: DocumentRule = {
  name: 'cédula de identidad (Ecuador)',
  canonical(number) {
    if (!/^\d{9,10}$/.test(number)) {
      throw new DocumentNumberError('FORMAT', 'An Ecuadorian cédula is 10 digits');
    }
    // Province codes 01–09 begin with a zero that people drop.
    const cedula = number.padStart(10, '0');
    const province = Number(cedula.slice(0, 2));
    if (!((province >= 1 && province <= 24) || province === 30) || Number(cedula[2]) >= 6) {
      throw new DocumentNumberError('FORMAT', 'An Ecuadorian cédula starts with a province code');
    }
    if (ecCedulaCheckDigit(cedula.slice(0, 9)) !== cedula[9]) {
      throw new DocumentNumberError(
        'CHECK_DIGIT',
        'The cédula check digit (módulo 10) does not match',
      );
    }
    return cedula;
  },
  legacy: () => [],
};

/**
 * Venezuela's cédula: V (Venezuelan) or E (foreigner) and up to 9 digits, written `V-12.345.678`,
 * `V12345678`, `12345678` or `V-012345678`. Canonical: the letter (V when none is written, as
 * most people who write only digits are Venezuelan) and the digits without leading zeros.
 */
const VE_CEDULA: DocumentRule = {
  name: 'cédula de identidad (Venezuela)',
  canonical(number) {
    const match = /^([VE]?)(\d{1,10})$/.exec(number);
    if (!match || stripZeros(match[2]).length > 9) {
      throw new DocumentNumberError('FORMAT', 'A Venezuelan cédula is V or E and up to 9 digits');
    }
    return `${match[1] || 'V'}${stripZeros(match[2])}`;
  },
  legacy(canonical) {
    const letter = canonical[0];
    const digits = canonical.slice(1);
    const padded = digits.padStart(8, '0');
    const forms = [`${letter}${padded}`];
    if (letter === 'V') forms.push(digits, padded);
    return forms;
  },
};

const RULES: Record<string, DocumentRule> = {
  'RUT|CL': CL_RUN,
  'CPF|BR': BR_CPF,
  'CEDULA|EC': EC_CEDULA,
  'CEDULA|VE': VE_CEDULA,
};

/** The rule for a document type of a country; undefined where only the generic form applies. */
export function documentRule(type: string, country: string): DocumentRule | undefined {
  return RULES[`${type}|${country}`];
}

/**
 * The fictional demo region's documents (`DEMO-RUT-0007`, `DEMO-EC-0004`) are not real numbers
 * and keep the generic form: no rule applies to a number that starts with DEMO.
 */
export const isDemoNumber = (normalised: string) => normalised.startsWith('DEMO');
