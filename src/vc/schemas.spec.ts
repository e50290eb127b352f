import { join } from 'node:path';
import {
  academicTitleSubject,
  competencyCertificationSubject,
  recognitionDecisionSubject,
} from './fixtures.js';
import { CREDENTIAL_TYPES, isCredentialType, loadSchemas, type CredentialType } from './schemas.js';

const schemas = loadSchemas(join(process.cwd(), 'schemas'));

const samples: Record<CredentialType, () => Record<string, unknown>> = {
  AcademicTitleCredential: academicTitleSubject,
  CompetencyCertificationCredential: competencyCertificationSubject,
  RecognitionDecisionCredential: recognitionDecisionSubject,
};

describe('loadSchemas', () => {
  it.each(CREDENTIAL_TYPES)('accepts the sample %s subject', (type) => {
    expect(schemas.validateSubject(type, samples[type]())).toEqual({ valid: true });
  });

  it('publishes each schema as draft 2020-12 without a deployment-specific $id', () => {
    for (const type of CREDENTIAL_TYPES) {
      const document = schemas.documents.get(type);
      expect(document?.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(document?.$id).toBeUndefined();
    }
  });

  it('lists every failing field at once', () => {
    const subject = academicTitleSubject() as Record<string, unknown>;
    delete subject.programme;
    subject.iscedField = '91';
    subject.iscedLevel = 9;
    subject.legalisation = 'NOTARY';
    subject.dateAwarded = '2015-13-40';
    subject.institution = { name: 'X' };
    subject.extra = true;
    const result = schemas.validateSubject('AcademicTitleCredential', subject);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors.map((error) => error.path).sort()).toEqual(
      [
        'programme',
        'iscedField',
        'iscedLevel',
        'legalisation',
        'dateAwarded',
        'institution.country',
        'extra',
      ].sort(),
    );
    expect(result.errors).toContainEqual({ path: 'programme', message: 'is required' });
    expect(result.errors).toContainEqual({ path: 'extra', message: 'is not allowed' });
  });

  it('never accepts a full document number or extra holder data', () => {
    const subject = competencyCertificationSubject() as Record<string, unknown>;
    subject.identityDocument = {
      type: 'PPT',
      country: 'CO',
      last4: '0001',
      number: 'DEMO-PPT-0001',
    };
    subject.name = { givenNames: 'María', familyNames: 'Demo Rivas', sex: 'F' };
    const result = schemas.validateSubject('CompetencyCertificationCredential', subject);
    expect(result).toEqual({
      valid: false,
      errors: expect.arrayContaining([
        { path: 'identityDocument.number', message: 'is not allowed' },
        { path: 'name.sex', message: 'is not allowed' },
      ]),
    });
    const longer = competencyCertificationSubject();
    longer.identityDocument.last4 = '00001';
    expect(schemas.validateSubject('CompetencyCertificationCredential', longer).valid).toBe(false);
  });

  it('checks nested arrays with their index in the path', () => {
    const subject = competencyCertificationSubject();
    subject.standards.push({ code: '', version: '1' } as never);
    subject.isco08 = '53';
    const result = schemas.validateSubject('CompetencyCertificationCredential', subject);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors.map((error) => error.path).sort()).toEqual([
      'isco08',
      'standards.1.code',
      'standards.1.title',
    ]);
  });

  it('requires the equivalent for a granted decision and a recognised credential', () => {
    const subject = recognitionDecisionSubject() as Record<string, unknown>;
    delete subject.equivalentTitle;
    subject.recognisedCredential = {};
    subject.effects = ['VOTING'];
    const result = schemas.validateSubject('RecognitionDecisionCredential', subject);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors.map((error) => error.path).sort()).toEqual([
      'effects.0',
      'equivalentTitle',
      'recognisedCredential.reference',
      'recognisedCredential.summary',
    ]);
    const denied = recognitionDecisionSubject() as Record<string, unknown>;
    denied.outcome = 'DENIED';
    delete denied.equivalentTitle;
    delete denied.equivalentLevel;
    expect(schemas.validateSubject('RecognitionDecisionCredential', denied)).toEqual({
      valid: true,
    });
  });

  it('validates a whole credential by its type, as a VC JSON Schema verifier does', () => {
    const credential = {
      type: ['VerifiableCredential', 'AcademicTitleCredential'],
      credentialSubject: academicTitleSubject(),
    };
    expect(schemas.validateCredential('AcademicTitleCredential', credential)).toEqual({
      valid: true,
    });
    const result = schemas.validateCredential('CompetencyCertificationCredential', credential);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors.map((error) => error.path)).toContain('type');
    expect(result.errors.map((error) => error.path)).toContain('credentialSubject.isco08');
  });

  it('rejects a non-object subject and throws TypeError for an unknown type', () => {
    expect(schemas.validateSubject('AcademicTitleCredential', 'x')).toEqual({
      valid: false,
      errors: [{ path: '', message: 'must be object' }],
    });
    expect(isCredentialType('DriverLicence')).toBe(false);
    expect(() => schemas.validateSubject('DriverLicence' as CredentialType, {})).toThrow(TypeError);
  });
});
