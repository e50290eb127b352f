import type { CaseView } from '../../modules/recognition-cases/case-views.js';
import type { HolderCredentialView } from '../../modules/holders/services/holder-records.service.js';
import { CASE_FILE_TYPES } from '../../modules/recognition-cases/recognition-cases.constants.js';
import { escapeHtml as e, formatDate } from '../../common/i18n/i18n.js';
import { formatDateTimeIn } from '../../common/i18n/time-zones.js';
import { definitionList, type Tone } from '../layout.js';
import { fill } from '../messages/define.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import { VERIFY_MESSAGES } from '../messages/verify-messages.js';
import type { SignedInContext } from './portal-context.js';
import type { CountryNames } from './portal-credential-pages.js';
import {
  badge,
  csrfField,
  errorSummary,
  notice,
  portalPage,
  say,
  type FieldErrors,
} from './portal-view.js';

const STATUS_TONE: Record<string, Tone> = {
  SUBMITTED: 'ok',
  IN_REVIEW: 'ok',
  INFO_REQUESTED: 'warn',
  DECIDED: 'ok',
  WITHDRAWN: 'bad',
};

const OPEN = new Set(['SUBMITTED', 'IN_REVIEW', 'INFO_REQUESTED']);

/** The answer form as the person left it, when it comes back with what is wrong. */
export interface AnswerForm {
  message: string;
  errors: FieldErrors;
  general?: string;
}

const statusBadge = (ctx: SignedInContext, c: CaseView) =>
  badge(
    c.term.overdue ? 'warn' : (STATUS_TONE[c.status] ?? 'warn'),
    say(ctx.lang, `case_${c.status}`),
  );

const list = (items: string[]) =>
  items.length > 0 ? `<ul>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : '';

const caseTitle = (ctx: SignedInContext, c: CaseView, countries: CountryNames) =>
  fill(PORTAL_MESSAGES[ctx.lang].caseTo, {
    authority: c.authority.name,
    country: countries.get(c.destinationCountry) ?? c.destinationCountry,
  });

/** The legal term in words: the deadline, paused, or passed with what silence means. */
function termText(ctx: SignedInContext, c: CaseView): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  if (c.term.paused) return e(t.casePaused);
  if (!c.term.deadline) return '';
  const date = formatDate(c.term.deadline, ctx.lang);
  if (c.term.overdue) {
    const silence = c.term.silenceNow ? say(ctx.lang, `caseSilence_${c.term.silenceNow}`) : '';
    return `<strong>${e(fill(t.caseOverdue, { date }))}</strong> ${e(silence)}`;
  }
  return e(fill(t.caseDeadlineDate, { date, days: String(c.term.daysLeft ?? 0) }));
}

export function renderCasesPage(
  ctx: SignedInContext,
  input: { cases: CaseView[]; countries: CountryNames },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const items = input.cases
    .map(
      (c) => `<li>${statusBadge(ctx, c)}
<h2><a href="/portal/cases/${e(c.id)}">${e(caseTitle(ctx, c, input.countries))}</a></h2>
<p class="muted">${e(t.caseSubmitted)} ${e(formatDateTimeIn(c.submittedAt, ctx.lang, ctx.timeZone))}</p>
${c.term.deadline || c.term.paused ? `<p>${e(t.caseDeadline)}: ${termText(ctx, c)}</p>` : ''}</li>`,
    )
    .join('\n');
  const main = `<h1>${e(t.casesTitle)}</h1>
<p>${e(t.casesHow)}</p>
<div class="actions"><a class="button" href="/portal/cases/new">${e(t.caseNew)}</a></div>
${items ? `<ul class="items">${items}</ul>` : `<p>${e(t.casesEmpty)}</p>`}`;
  return portalPage(ctx, { title: t.casesTitle, path: '/portal/cases', main, current: 'cases' });
}

function messagesList(ctx: SignedInContext, c: CaseView): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  return c.messages
    .map(
      (m) => `<li><h3>${e(say(ctx.lang, `caseMsg_${m.kind}`))}</h3>
<p class="muted">${e(formatDateTimeIn(m.createdAt, ctx.lang, ctx.timeZone))}</p>
${m.body ? `<p class="case-text">${e(m.body)}</p>` : ''}
${
  m.files.length > 0
    ? `<p>${e(t.caseFiles)}: ${m.files.map((f) => `<a href="/portal/cases/${e(c.id)}/files/${e(f.id)}">${e(f.filename)}</a>`).join(', ')}</p>`
    : ''
}</li>`,
    )
    .join('\n');
}

function decisionSection(ctx: SignedInContext, c: CaseView): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const d = c.decision;
  if (!d) return '';
  const credential = c.decisionCredentialId
    ? `<p><a class="button" href="/portal/credentials/${e(c.decisionCredentialId)}">${e(t.caseDecisionCredential)}</a></p>`
    : '';
  return `<section class="card" aria-labelledby="decision-title"><h2 id="decision-title">${e(t.caseDecision)}</h2>
${definitionList([
  [
    t.caseDecision,
    e(
      `${say(ctx.lang, `caseOutcome_${d.outcome}`)} · ${d.decisionNumber} · ${formatDate(d.decisionDate, ctx.lang)}`,
    ),
  ],
  [t.caseConditions, list(d.conditions.map((x) => x.description))],
  [t.caseReasons, list(d.reasons)],
])}
${credential}
</section>`;
}

/** The form that answers a request for information, with files (multipart, without script). */
function answerSection(ctx: SignedInContext, c: CaseView, form: AnswerForm | undefined): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const errors = form?.errors ?? {};
  const fieldError = (name: string) =>
    errors[name] ? `<p class="error" id="${name}-error">${e(errors[name])}</p>` : '';
  const invalid = (name: string) => (errors[name] ? ' aria-invalid="true"' : '');
  // The question being answered, right above the answer.
  const request = c.messages.filter((m) => m.kind === 'INFO_REQUEST').at(-1);
  const question = request
    ? `<blockquote><p class="muted">${e(say(ctx.lang, 'caseMsg_INFO_REQUEST'))}</p><p class="case-text">${e(request.body)}</p></blockquote>`
    : '';
  return `<section class="card" aria-labelledby="answer-title"><h2 id="answer-title">${e(t.caseAnswerTitle)}</h2>
${question}
${errorSummary(ctx.lang, errors, form?.general)}
<form class="stack" method="post" action="/portal/cases/${e(c.id)}/answers" enctype="multipart/form-data" novalidate>
${csrfField(ctx)}
<div class="field"><label for="message">${e(t.caseAnswerText)}</label>${fieldError('message')}
<textarea id="message" name="message" rows="5" maxlength="2000" required${errors.message ? ' aria-describedby="message-error"' : ''}${invalid('message')}>${e(form?.message ?? '')}</textarea></div>
<div class="field"><label for="files">${e(t.caseFilesInput)}</label><p class="hint" id="files-hint">${e(t.caseFilesHint)}</p>${fieldError('files')}
<input id="files" name="files" type="file" multiple accept="${CASE_FILE_TYPES.join(',')}" aria-describedby="files-hint${errors.files ? ' files-error' : ''}"${invalid('files')}></div>
<button type="submit">${e(t.caseAnswerSubmit)}</button>
</form></section>`;
}

export function renderCasePage(
  ctx: SignedInContext,
  input: {
    view: CaseView;
    credentials: HolderCredentialView[];
    countries: CountryNames;
    done?: unknown;
    answer?: AnswerForm;
  },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const c = input.view;
  const base = `/portal/cases/${encodeURIComponent(c.id)}`;
  const presented = c.credentialIds.map((id) => {
    const credential = input.credentials.find((r) => r.id === id);
    return credential
      ? `<a href="/portal/credentials/${e(id)}">${e(credential.summary)}</a>`
      : e(id);
  });
  const title = caseTitle(ctx, c, input.countries);
  const main = `${notice(ctx.lang, input.done)}<p><a href="/portal/cases">← ${e(t.casesTitle)}</a></p>
<h1>${e(title)}</h1>
<p>${statusBadge(ctx, c)}</p>
${definitionList([
  [t.caseSubmitted, e(formatDateTimeIn(c.submittedAt, ctx.lang, ctx.timeZone))],
  [t.caseDeadline, termText(ctx, c)],
  [t.casePurpose, e(VERIFY_MESSAGES[ctx.lang][c.purpose as 'EMPLOYMENT'] ?? c.purpose)],
  [t.caseLegalisationShort, e(say(ctx.lang, `legal_${c.legalisation}`))],
  [
    t.caseCredentialsShort,
    presented.length > 0 ? `<ul><li>${presented.join('</li><li>')}</li></ul>` : '',
  ],
])}
${decisionSection(ctx, c)}
${
  c.status === 'INFO_REQUESTED'
    ? answerSection(ctx, c, input.answer)
    : input.answer?.general
      ? errorSummary(ctx.lang, {}, input.answer.general)
      : ''
}
<section aria-labelledby="messages-title"><h2 id="messages-title">${e(t.caseMessages)}</h2>
<ul class="items">${messagesList(ctx, c)}</ul></section>
${OPEN.has(c.status) ? `<div class="actions"><a class="button secondary" href="${base}/withdraw">${e(t.caseWithdraw)}</a></div>` : ''}`;
  return portalPage(ctx, { title, path: base, main, current: 'cases' });
}

/** Asks before withdrawing: the authority stops, and the case cannot be reopened. */
export function renderWithdrawConfirmPage(
  ctx: SignedInContext,
  c: CaseView,
  countries: CountryNames,
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const base = `/portal/cases/${encodeURIComponent(c.id)}`;
  const main = `<h1>${e(t.caseWithdrawConfirmTitle)}</h1>
<p><strong>${e(caseTitle(ctx, c, countries))}</strong></p>
<p>${e(t.caseWithdrawConfirmText)}</p>
<div class="actions"><form method="post" action="${base}/withdraw">${csrfField(ctx)}<input type="hidden" name="confirm" value="yes"><button type="submit" class="danger">${e(t.caseWithdraw)}</button></form>
<a class="button secondary" href="${base}">${e(t.caseKeep)}</a></div>`;
  return portalPage(ctx, {
    title: t.caseWithdrawConfirmTitle,
    path: `${base}/withdraw`,
    main,
    current: 'cases',
  });
}
