import { AppError } from '../../common/errors/app-error.js';
import { decisionErrors, readDecisionForm } from './console-decision-form.js';

const form = (overrides: Record<string, unknown> = {}) => ({
  outcome: 'RECOGNISED_WITH_CONDITIONS',
  decisionNumber: ' DEMO-RES-2026-0100 ',
  equivalentTitle: 'Profesional en Enfermería',
  framework: 'CO-MNC',
  level: '6',
  effects: ['ACADEMIC', 'EMPLOYMENT'],
  conditionKind1: 'EXAM',
  conditionText1: 'Examen de salud pública (demo)',
  conditionKind2: 'OTHER',
  conditionText2: '',
  ...overrides,
});

describe('the console decision form', () => {
  it("reads the form as the API's decision: trimmed, conditions with a text, level a number", () => {
    const { dto, errors } = readDecisionForm(form(), 'es');
    expect(errors).toEqual({});
    expect(dto).toMatchObject({
      outcome: 'RECOGNISED_WITH_CONDITIONS',
      decisionNumber: 'DEMO-RES-2026-0100',
      equivalentLevel: { framework: 'CO-MNC', level: 6 },
      effects: ['ACADEMIC', 'EMPLOYMENT'],
      conditions: [{ kind: 'EXAM', description: 'Examen de salud pública (demo)' }],
    });
    expect(dto?.reasons).toBeUndefined();
  });

  it('takes one effect as a single field and reasons one per line', () => {
    const { dto } = readDecisionForm(
      form({
        outcome: 'REFUSED',
        effects: 'ACADEMIC',
        equivalentTitle: '',
        framework: '',
        level: '',
        conditionText1: '',
        reasons: 'Plan de estudios incompleto\r\n\r\n  Sin prácticas clínicas ',
      }),
      'es',
    );
    expect(dto).toMatchObject({
      outcome: 'REFUSED',
      effects: ['ACADEMIC'],
      reasons: ['Plan de estudios incompleto', 'Sin prácticas clínicas'],
    });
    expect(dto?.equivalentLevel).toBeUndefined();
    expect(dto?.conditions).toBeUndefined();
  });

  it('names each field that is missing or malformed, and gives no decision', () => {
    const { dto, errors } = readDecisionForm(
      form({ outcome: 'MAYBE', decisionNumber: '', level: 'six', effects: [] }),
      'en',
    );
    expect(dto).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['decisionNumber', 'effects', 'level', 'outcome']);
  });

  it("puts the service's refusals on the form's fields", () => {
    const refusal = new AppError('UNPROCESSABLE', 'The decision is incomplete.', {
      errors: [
        { path: 'conditions', message: 'at least one for RECOGNISED_WITH_CONDITIONS' },
        { path: 'equivalentLevel', message: 'required unless REFUSED' },
      ],
    });
    expect(Object.keys(decisionErrors(refusal, 'pt')).sort()).toEqual(['conditionText1', 'level']);
  });
});
