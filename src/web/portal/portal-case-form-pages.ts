import { escapeHtml as e, LOCALES, type Lang } from '../../common/i18n/i18n.js';
import type { HolderCredentialView } from '../../modules/holders/services/holder-records.service.js';
import { termOf } from '../../modules/recognition-cases/procedure-rules.js';
import {
  CASE_FILE_TYPES,
  LEGALISATION_ROUTES,
} from '../../modules/recognition-cases/recognition-cases.constants.js';
import type { ProcedureView } from '../../modules/recognition-cases/services/competent-authorities.service.js';
import { PURPOSES } from '../../modules/recognition/recognition.constants.js';
import { fill } from '../messages/define.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { VERIFY_MESSAGES } from '../messages/verify-messages.js';
import type { OpenCaseValues } from './portal-case-forms.js';
import type { SignedInContext } from './portal-context.js';
import { standingBadge, typeName, type CountryNames } from './portal-credential-pages.js';
import {
  csrfField,
  errorSummary,
  portalPage,
  say,
  selectField,
  type FieldErrors,
} from './portal-view.js';

/** An error line inside a fieldset, and the attribute that ties the fieldset to it. */
function fieldsetError(name: string, errors: FieldErrors): { line: string; attr: string } {
  const message = errors[name];
  return message
    ? {
        line: `<p class="error" id="${name}-error">${e(message)}</p>`,
        attr: ` aria-describedby="${name}-error"`,
      }
    : { line: '', attr: '' };
}

function radios(
  name: string,
  legend: string,
  choices: { value: string; label: string; hint?: string }[],
  value: string,
  errors: FieldErrors,
): string {
  const error = fieldsetError(name, errors);
  const items = choices
    .map((c) => {
      const id = `${name}-${c.value}`;
      const hint = c.hint ? `<br><span class="muted">${e(c.hint)}</span>` : '';
      const checked = c.value === value ? ' checked' : '';
      return `<label class="choice" for="${id}"><input type="radio" id="${id}" name="${name}" value="${e(c.value)}"${checked}><span><strong>${e(c.label)}</strong>${hint}</span></label>`;
    })
    .join('');
  return `<fieldset id="${name}"${error.attr}><legend>${e(legend)}</legend>${error.line}<div class="choices">${items}</div></fieldset>`;
}

function credentialChoices(
  ctx: SignedInContext,
  credentials: HolderCredentialView[],
  chosen: string[],
  errors: FieldErrors,
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const error = fieldsetError('credentials', errors);
  const items = credentials
    .map((c, i) => {
      const id = `credential-${i}`;
      const checked = chosen.includes(c.id) ? ' checked' : '';
      return `<label class="choice" for="${id}"><input type="checkbox" id="${id}" name="credentials" value="${e(c.id)}"${checked}><span><strong>${e(c.summary)}</strong><br><span class="muted">${e(typeName(ctx.lang, c.type))}</span> ${standingBadge(ctx.lang, c)}</span></label>`;
    })
    .join('');
  return `<fieldset id="credentials"${error.attr}><legend>${e(t.caseCredentials)}</legend>${error.line}<div class="choices">${items}</div></fieldset>`;
}

function fee(lang: Lang, amount: number, currency: string): string {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency }).format(amount);
}

/** What happens once sent, per destination: the term, what silence means, the fee. */
function nextSteps(lang: Lang, procedures: ProcedureView[], countries: CountryNames): string {
  const t = PORTAL_MESSAGES[lang];
  const items = procedures
    .map((p) => {
      const days = termOf(p, p.defaultRoute)?.days ?? 0;
      const unit = say(lang, `dayCount_${p.dayCount}`);
      const authorities = p.authorities.map((a) => a.name).join(', ');
      return `<li><h3>${e(countries.get(p.country) ?? p.country)}</h3>
<p>${e(authorities)} · ${e(p.procedure)}</p>
<p>${e(fill(t.caseNextTerm, { days, unit }))}</p>
<p>${e(fill(t.caseNextSilence, { silence: say(lang, `caseSilence_${p.silence}`) }))}</p>
<p class="muted">${e(fill(t.caseNextFee, { fee: fee(lang, p.fee.amount, p.fee.currency) }))}</p></li>`;
    })
    .join('\n');
  return `<section class="case-next" aria-labelledby="next-title"><h2 id="next-title">${e(t.caseNextTitle)}</h2>
<p>${e(t.caseNextIntro)}</p>
<ul class="items">${items}</ul></section>`;
}

/** The form that opens a case; shown again with the person's choices and what is wrong. */
export function renderNewCasePage(
  ctx: SignedInContext,
  input: {
    procedures: ProcedureView[];
    credentials: HolderCredentialView[];
    countries: CountryNames;
    values: OpenCaseValues;
    errors: FieldErrors;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const { values, errors } = input;
  const open = input.procedures.filter((p) => p.authorities.length > 0);
  const page = (main: string) =>
    portalPage(ctx, { title: t.caseNew, path: '/portal/cases/new', main, current: 'cases' });
  if (open.length === 0) return page(`<h1>${e(t.caseNew)}</h1><p>${e(t.caseNoAuthorities)}</p>`);
  if (input.credentials.length === 0) {
    return page(
      `<h1>${e(t.caseNew)}</h1><p>${e(t.shareNoCredentials)}</p><p><a class="button" href="/portal/claims">${e(t.addDocument)}</a></p>`,
    );
  }
  const countryOptions = open.map((p) => ({
    value: p.country,
    label: input.countries.get(p.country) ?? p.country,
  }));
  // Only where a country has several authorities does the person have to pick one.
  const several = open.some((p) => p.authorities.length > 1);
  const authorityOptions = open
    .flatMap((p) =>
      p.authorities.map((a) => ({ value: a.slug, label: `${a.name} (${p.country})` })),
    )
    .map(
      (o) =>
        `<option value="${e(o.value)}"${o.value === values.authority ? ' selected' : ''}>${e(o.label)}</option>`,
    )
    .join('');
  const authorityField = several
    ? `<div class="field"><label for="authority">${e(t.caseAuthority)}</label><select id="authority" name="authority"><option value="">${e(t.caseAuthorityOnly)}</option>${authorityOptions}</select></div>`
    : '';
  const verify = VERIFY_MESSAGES[ctx.lang];
  const purposes = PURPOSES.map((p) => ({ value: p, label: verify[p] }));
  const legalisations = LEGALISATION_ROUTES.map((route) => ({
    value: route,
    label: say(ctx.lang, `legal_${route}`),
    hint: say(ctx.lang, `legalHint_${route}`),
  }));
  const filesError = fieldsetError('files', errors);
  const main = `<p><a href="/portal/cases">← ${e(t.casesTitle)}</a></p>
<h1>${e(t.caseNew)}</h1>
<p>${e(t.caseNewIntro)}</p>
${errorSummary(ctx.lang, errors)}
<form class="stack card" method="post" action="/portal/cases" enctype="multipart/form-data" novalidate>
${csrfField(ctx)}
${selectField({ name: 'country', label: t.caseCountry, options: countryOptions, placeholder: t.chooseCountry, value: values.country, errors })}
${authorityField}
${radios('purpose', t.casePurpose, purposes, values.purpose, errors)}
${credentialChoices(ctx, input.credentials, values.credentials, errors)}
${radios('legalisation', t.caseLegalisation, legalisations, values.legalisation, errors)}
<div class="field"><label for="statement">${e(t.caseStatement)}</label>
<textarea id="statement" name="statement" rows="4" maxlength="2000">${e(values.statement)}</textarea></div>
<div class="field"><label for="files">${e(t.caseFilesInput)}</label><p class="hint" id="files-hint">${e(t.caseFilesHint)}</p>${filesError.line}
<input id="files" name="files" type="file" multiple accept="${CASE_FILE_TYPES.join(',')}" aria-describedby="files-hint${errors.files ? ' files-error' : ''}"${errors.files ? ' aria-invalid="true"' : ''}></div>
${nextSteps(ctx.lang, open, input.countries)}
<button type="submit">${e(t.caseSubmit)}</button>
</form>`;
  return page(main);
}
