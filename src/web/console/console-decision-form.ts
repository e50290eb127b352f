import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Lang } from '../../common/i18n/i18n.js';
import { AppError } from '../../common/errors/app-error.js';
import { VALIDATOR_OPTIONS } from '../../common/validation/validation-pipe.js';
import { DecideCaseDto } from '../../modules/recognition-cases/dto/case-input.dto.js';
import { CONSOLE_MESSAGES } from '../messages/console-messages.js';
import { field, fields, type FormBody } from '../portal/portal-forms.js';
import type { FieldErrors } from '../portal/portal-view.js';

/** Rows of conditions the form offers; the API takes up to 20. */
export const CONDITION_ROWS = 3;

export interface DecisionValues {
  outcome: string;
  decisionNumber: string;
  equivalentTitle: string;
  framework: string;
  level: string;
  effects: string[];
  conditions: { kind: string; description: string }[];
  reasons: string;
}

export interface DecisionForm {
  dto: DecideCaseDto | null;
  values: DecisionValues;
  errors: FieldErrors;
}

/** Where each of the API's fields is on the form. */
const FIELD_OF: Record<string, string> = {
  outcome: 'outcome',
  decisionNumber: 'decisionNumber',
  equivalentTitle: 'equivalentTitle',
  equivalentLevel: 'level',
  effects: 'effects',
  conditions: 'conditionText1',
  reasons: 'reasons',
};

/** The decision form as the API's DecideCaseDto, checked by the same rules. */
export function readDecisionForm(body: FormBody | undefined, lang: Lang): DecisionForm {
  const t = CONSOLE_MESSAGES[lang];
  const conditions = Array.from({ length: CONDITION_ROWS }, (_, i) => ({
    kind: field(body, `conditionKind${i + 1}`),
    description: field(body, `conditionText${i + 1}`, 400),
  }));
  const values: DecisionValues = {
    outcome: field(body, 'outcome'),
    decisionNumber: field(body, 'decisionNumber', 100),
    equivalentTitle: field(body, 'equivalentTitle', 300),
    framework: field(body, 'framework', 64),
    level: field(body, 'level', 2),
    effects: fields(body, 'effects'),
    conditions,
    reasons: field(body, 'reasons', 4000),
  };
  const level = Number(values.level);
  const reasons = values.reasons
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const listed = conditions.filter((c) => c.description);
  const plain = {
    outcome: values.outcome,
    decisionNumber: values.decisionNumber,
    ...(values.equivalentTitle ? { equivalentTitle: values.equivalentTitle } : {}),
    ...(values.framework || values.level
      ? { equivalentLevel: { framework: values.framework, level } }
      : {}),
    effects: values.effects,
    ...(listed.length > 0 ? { conditions: listed } : {}),
    ...(reasons.length > 0 ? { reasons } : {}),
  };
  const dto = plainToInstance(DecideCaseDto, plain);
  const errors: FieldErrors = {};
  for (const error of validateSync(dto, VALIDATOR_OPTIONS)) {
    const name = FIELD_OF[error.property] ?? error.property;
    errors[name] = t.err_format;
  }
  for (const name of ['outcome', 'decisionNumber'] as const) {
    if (!values[name]) errors[name] = t.err_required;
  }
  if (values.effects.length === 0) errors.effects = t.err_required;
  return { dto: Object.keys(errors).length === 0 ? dto : null, values, errors };
}

/** The fields a refused decision names (UNPROCESSABLE, INVALID_REFERENCE), on the form. */
export function decisionErrors(error: AppError, lang: Lang): FieldErrors {
  const t = CONSOLE_MESSAGES[lang];
  const errors: FieldErrors = {};
  for (const { path } of error.errors ?? []) {
    const name = FIELD_OF[path.split('.')[0]];
    if (name)
      errors[name] = error.code === 'INVALID_REFERENCE' ? t.err_INVALID_REFERENCE : t.err_required;
  }
  return errors;
}
