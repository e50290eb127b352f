import type { ClassConstructor } from 'class-transformer';
import type { Response } from 'express';
import { AppError } from '../../common/errors/app-error.js';
import type { PortalContext } from './portal-context.js';
import { readForm, type FormBody } from './portal-forms.js';
import { say, sendPage, type FieldErrors } from './portal-view.js';

/** Codes the portal's forms explain in words; anything else is an error page. */
const FORM_PROBLEMS = new Set([
  'INVALID_CLAIM',
  'DOCUMENT_NUMBER_INVALID',
  'WEAK_PASSWORD',
  'ACCOUNT_EXISTS',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
  'DOCUMENT_OF_ANOTHER_ACCOUNT',
  'INVALID_RECOVERY_CODE',
]);

export interface FormProblem {
  message: string;
  status: number;
}

/** The form's problem in words, or the error itself when the form cannot explain it. */
export function formProblem(ctx: PortalContext, error: unknown, res: Response): FormProblem {
  if (error instanceof AppError && FORM_PROBLEMS.has(error.code)) {
    res.set(error.headers);
    return { message: say(ctx.lang, `err_${error.code}`), status: error.status };
  }
  throw error;
}

/** What a form page is drawn again with: what was typed (never a password) and what is wrong. */
export interface FormAgain<K extends string> {
  values: Partial<Record<K, string>>;
  errors: FieldErrors;
  /** A message about the whole form (wrong password, used code…). */
  problem?: string;
}

export interface FormFlow<T extends object, K extends keyof T & string> {
  ctx: PortalContext;
  res: Response;
  body: FormBody | undefined;
  dto: ClassConstructor<T>;
  fields: readonly K[];
  /** The form's work with valid input; it answers (a redirect or a page) when it succeeds. */
  act: (dto: T) => Promise<void>;
  /** The same form again, after invalid input or a problem the form explains. */
  render: (again: FormAgain<K>) => Promise<string>;
}

/**
 * A posted portal form: read through the API's DTO; valid input goes to `act`; invalid input,
 * or a refusal the form can explain, draws the form again with the fields' errors (400, or the
 * refusal's own status).
 */
export async function submitForm<T extends object, K extends keyof T & string>(
  flow: FormFlow<T, K>,
): Promise<void> {
  const form = readForm(flow.dto, flow.body, flow.ctx.lang, flow.fields);
  let problem: FormProblem | undefined;
  if (form.dto) {
    try {
      return await flow.act(form.dto);
    } catch (error) {
      problem = formProblem(flow.ctx, error, flow.res);
    }
  }
  const values: Partial<Record<K, string>> = { ...form.values };
  delete (values as Record<string, string>).password;
  const page = await flow.render({ values, errors: form.errors, problem: problem?.message });
  sendPage(flow.res, page, problem?.status ?? 400);
}
