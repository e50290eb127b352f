import { escapeHtml as e, formatDate, type Lang } from '../../common/i18n/i18n.js';
import type { CaseView } from '../../modules/recognition-cases/case-views.js';
import { OPEN_STATUSES } from '../../modules/recognition-cases/case-lifecycle.js';
import {
  CASE_STATUSES,
  CASE_OUTCOMES,
  DECISION_CONDITION_KINDS,
  DECISION_EFFECTS,
} from '../../modules/recognition-cases/recognition-cases.constants.js';
import type { AuthorityCaseView } from '../../modules/recognition-cases/services/casework.service.js';
import { definitionList } from '../layout.js';
import { fill } from '../messages/define.js';
import { CONSOLE_MESSAGES } from '../messages/console-messages.js';
import { badge, errorSummary, textField, type FieldErrors } from '../portal/portal-view.js';
import type { StaffContext } from './console-context.js';
import { CONDITION_ROWS, type DecisionValues } from './console-decision-form.js';
import {
  caseRef,
  consolePage,
  csrfField,
  notice,
  say,
  sayCode,
  statusBadges,
  termText,
} from './console-view.js';

const list = (items: string[]) =>
  items.length > 0 ? `<ul>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : '';

export function renderQueuePage(
  ctx: StaffContext,
  input: { cases: CaseView[]; status: string; done?: unknown },
): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const options = ['', ...CASE_STATUSES]
    .map((status) => {
      const label = status ? say(ctx.lang, `status_${status}`) : t.filterOpen;
      const selected = status === input.status ? ' selected' : '';
      return `<option value="${status}"${selected}>${e(label)}</option>`;
    })
    .join('');
  const items = input.cases
    .map(
      (c) => `<li>${statusBadges(ctx.lang, c)}
<h2><a href="/console/cases/${e(c.id)}">${e(fill(t.caseTitle, { ref: caseRef(c.id) }))}</a></h2>
<p>${e(say(ctx.lang, `route_${c.route}`))} · ${e(sayCode(ctx.lang, `legal_${c.legalisation}`))}</p>
<p class="muted">${e(t.submitted)} ${e(formatDate(c.submittedAt, ctx.lang))}</p>
${c.term.deadline || c.term.paused ? `<p>${e(t.deadline)}: ${termText(ctx.lang, c)}</p>` : ''}</li>`,
    )
    .join('\n');
  const main = `${notice(ctx.lang, input.done)}<h1>${e(t.queueTitle)}</h1>
<p>${e(t.queueIntro)}</p>
<form class="filter-row" method="get" action="/console/cases">
<div class="field"><label for="status">${e(t.filterStatus)}</label><select id="status" name="status">${options}</select></div>
<button type="submit" class="secondary">${e(t.filterButton)}</button>
</form>
${items ? `<ul class="items">${items}</ul>` : `<p>${e(t.queueEmpty)}</p>`}`;
  return consolePage(ctx, {
    title: t.queueTitle,
    path: '/console/cases',
    query: { status: input.status || undefined },
    main,
    current: 'queue',
  });
}

function credentialsSection(lang: Lang, c: CaseView): string {
  const t = CONSOLE_MESSAGES[lang];
  const items = c.evidence.credentials
    .map((credential) => {
      const s = credential.summary as {
        title?: string | null;
        issuer?: { name?: string | null; country?: string | null };
        holder?: { name?: string | null };
        level?: { framework: string; level: number } | null;
        validFrom?: string | null;
      };
      const verified = credential.verified
        ? badge('ok', t.verifiedYes)
        : badge('bad', t.verifiedNo);
      const issuer = s.issuer?.name
        ? `${s.issuer.name}${s.issuer.country ? ` (${s.issuer.country})` : ''}`
        : null;
      return `<li>${verified}
<h3>${e(s.title ?? credential.type)}</h3>
${definitionList([
  [t.credentialType, e(credential.type)],
  [t.credentialStatus, e(say(lang, `credentialStatus_${credential.status}`))],
  [t.credentialIssuer, issuer && e(issuer)],
  [t.credentialHolder, s.holder?.name && e(s.holder.name)],
  [t.credentialLevel, s.level && e(`${s.level.framework} ${s.level.level}`)],
  [t.credentialDate, s.validFrom && e(formatDate(s.validFrom, lang))],
])}</li>`;
    })
    .join('\n');
  const pre = c.evidence.preAssessment as {
    outcome?: string;
    reasons?: string[];
    conditions?: string[];
    missingUnits?: string[];
  } | null;
  const preAssessment = pre
    ? definitionList([
        [t.preOutcome, pre.outcome && e(sayCode(lang, pre.outcome))],
        [t.preReasons, list((pre.reasons ?? []).map((r) => sayCode(lang, `reason_${r}`)))],
        [t.preConditions, list((pre.conditions ?? []).map((x) => sayCode(lang, `cond_${x}`)))],
        [t.preMissing, list(pre.missingUnits ?? [])],
      ])
    : `<p>${e(t.preNone)}</p>`;
  return `<section class="card" aria-labelledby="evidence-title"><h2 id="evidence-title">${e(t.evidence)}</h2>
<ul class="items">${items}</ul>
<h3>${e(t.preAssessment)}</h3>${preAssessment}</section>`;
}

function messagesSection(lang: Lang, c: CaseView): string {
  const t = CONSOLE_MESSAGES[lang];
  const files = c.messages.flatMap((m) => m.files);
  const fileList = files.length
    ? `<ul>${files
        .map(
          (f) =>
            `<li><a href="/console/cases/${e(c.id)}/files/${e(f.id)}" download>${e(f.filename)}</a> <span class="muted">(${e(f.contentType)}, ${Math.ceil(f.size / 1024)} KiB)</span></li>`,
        )
        .join('')}</ul>`
    : `<p>${e(t.filesNone)}</p>`;
  const messages = c.messages
    .map(
      (m) => `<li><h3>${e(say(lang, `msg_${m.kind}`))}</h3>
<p class="muted">${e(formatDate(m.createdAt, lang))}</p>
${m.body ? `<p class="message-body">${e(m.body)}</p>` : ''}</li>`,
    )
    .join('\n');
  return `<section class="card" aria-labelledby="files-title"><h2 id="files-title">${e(t.files)}</h2>${fileList}</section>
<section class="card" aria-labelledby="messages-title"><h2 id="messages-title">${e(t.messages)}</h2>
<ul class="items">${messages}</ul></section>`;
}

function precedentsSection(lang: Lang, c: AuthorityCaseView): string {
  const t = CONSOLE_MESSAGES[lang];
  const items = c.precedents
    .map(
      (p) => `<li><h3>${e(say(lang, `outcome_${p.outcome}`))} · ${e(p.decisionNumber)}</h3>
<p class="muted">${e(formatDate(p.decisionDate, lang))} · ${e(say(lang, `route_${p.route}`))} · ${e(say(lang, `match_${p.match}`))}</p>
${p.equivalentTitle ? `<p>${e(p.equivalentTitle)}</p>` : ''}${list(p.conditions.map((x) => x.description))}</li>`,
    )
    .join('\n');
  return `<section class="card" aria-labelledby="precedents-title"><h2 id="precedents-title">${e(t.precedents)}</h2>
<p class="muted">${e(t.precedentsIntro)}</p>
${items ? `<ul class="items">${items}</ul>` : `<p>${e(t.precedentsNone)}</p>`}</section>`;
}

function decisionSection(lang: Lang, c: CaseView): string {
  const t = CONSOLE_MESSAGES[lang];
  const d = c.decision;
  if (!d) return '';
  return `<section class="card" aria-labelledby="decision-title"><h2 id="decision-title">${e(t.decision)}</h2>
${definitionList([
  [t.outcome, e(say(lang, `outcome_${d.outcome}`))],
  [t.decisionNumber, e(d.decisionNumber)],
  [t.decisionDate, e(formatDate(d.decisionDate, lang))],
  [t.equivalentTitle, d.equivalentTitle && e(d.equivalentTitle)],
  [t.conditions, list(d.conditions.map((x) => `${say(lang, `kind_${x.kind}`)}: ${x.description}`))],
  [t.reasons, list(d.reasons)],
  [t.assurance, e(sayCode(lang, `assurance_${d.assuranceLevel}`))],
])}
${c.decisionCredentialId ? `<p>${e(t.decisionCredential)}</p>` : ''}</section>`;
}

export interface CaseForms {
  info?: { message: string; errors: FieldErrors; problem?: string };
  decision?: { values: DecisionValues; errors: FieldErrors; problem?: string };
  /** A problem of the review button. */
  problem?: string;
}

function infoForm(ctx: StaffContext, c: CaseView, form: CaseForms['info']): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const errors = form?.errors ?? {};
  const error = errors.message
    ? `<p class="error" id="message-error">${e(errors.message)}</p>`
    : '';
  const invalid = errors.message
    ? ' aria-invalid="true" aria-describedby="message-hint message-error"'
    : ' aria-describedby="message-hint"';
  return `<section class="card" aria-labelledby="info-title"><h2 id="info-title">${e(t.infoTitle)}</h2>
${errorSummary(ctx.lang, errors, form?.problem)}
<form class="stack" method="post" action="/console/cases/${e(c.id)}/info-request" novalidate>${csrfField(ctx)}
<div class="field"><label for="message">${e(t.infoMessage)}</label><p class="hint" id="message-hint">${e(t.infoHint)}</p>${error}
<textarea id="message" name="message" rows="4" maxlength="2000" required${invalid}>${e(form?.message ?? '')}</textarea></div>
<button type="submit" class="secondary">${e(t.infoButton)}</button></form></section>`;
}

function choiceList(
  name: string,
  type: 'radio' | 'checkbox',
  options: { value: string; label: string }[],
  chosen: string[],
): string {
  return options
    .map((o) => {
      const id = `${name}-${o.value}`;
      const checked = chosen.includes(o.value) ? ' checked' : '';
      return `<label class="choice" for="${id}"><input type="${type}" id="${id}" name="${name}" value="${e(o.value)}"${checked}><span>${e(o.label)}</span></label>`;
    })
    .join('');
}

function fieldsetOf(name: string, legend: string, body: string, errors: FieldErrors): string {
  const error = errors[name] ? `<p class="error" id="${name}-error">${e(errors[name])}</p>` : '';
  return `<fieldset id="${name}"${errors[name] ? ` aria-describedby="${name}-error"` : ''}><legend>${e(legend)}</legend>${error}<div class="choices">${body}</div></fieldset>`;
}

function decideForm(ctx: StaffContext, c: CaseView, form: CaseForms['decision']): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const errors = form?.errors ?? {};
  const v = form?.values;
  const outcomes = CASE_OUTCOMES.map((o) => ({ value: o, label: say(ctx.lang, `outcome_${o}`) }));
  const effects = DECISION_EFFECTS.map((x) => ({ value: x, label: say(ctx.lang, `effect_${x}`) }));
  const kinds = DECISION_CONDITION_KINDS.map(
    (k) => `<option value="${k}">${e(say(ctx.lang, `kind_${k}`))}</option>`,
  );
  const conditionRows = Array.from({ length: CONDITION_ROWS }, (_, i) => {
    const n = i + 1;
    const row = v?.conditions[i];
    const options = kinds
      .map((option, k) =>
        row?.kind === DECISION_CONDITION_KINDS[k] ? option.replace('">', '" selected>') : option,
      )
      .join('');
    return `<div class="condition-row"><div class="field"><label for="conditionKind${n}">${e(fill(t.conditionKind, { n }))}</label><select id="conditionKind${n}" name="conditionKind${n}">${options}</select></div>
${textField({ name: `conditionText${n}`, label: fill(t.conditionText, { n }), value: row?.description, required: false, maxLength: 400, errors })}</div>`;
  }).join('');
  const reasonsError = errors.reasons
    ? `<p class="error" id="reasons-error">${e(errors.reasons)}</p>`
    : '';
  return `<section class="card" aria-labelledby="decide-title"><h2 id="decide-title">${e(t.decideTitle)}</h2>
${errorSummary(ctx.lang, errors, form?.problem)}
<form class="stack" method="post" action="/console/cases/${e(c.id)}/decision" novalidate>${csrfField(ctx)}
${fieldsetOf('outcome', t.outcome, choiceList('outcome', 'radio', outcomes, v ? [v.outcome] : []), errors)}
${textField({ name: 'decisionNumber', label: t.decisionNumber, value: v?.decisionNumber, maxLength: 100, errors })}
${textField({ name: 'equivalentTitle', label: t.equivalentTitle, hint: t.equivalentTitleHint, value: v?.equivalentTitle, required: false, maxLength: 300, errors })}
<div class="condition-row">${textField({ name: 'framework', label: t.framework, hint: t.equivalentTitleHint, value: v?.framework, required: false, maxLength: 64, extra: ' autocapitalize="characters" spellcheck="false"', errors })}
${textField({ name: 'level', label: t.level, value: v?.level, required: false, maxLength: 2, extra: ' inputmode="numeric"', errors })}</div>
${fieldsetOf('effects', t.effects, choiceList('effects', 'checkbox', effects, v?.effects ?? []), errors)}
<fieldset id="conditionText1-group"><legend>${e(t.conditions)}</legend><p class="hint">${e(t.conditionsHint)}</p>${conditionRows}</fieldset>
<div class="field"><label for="reasons">${e(t.reasons)}</label><p class="hint" id="reasons-hint">${e(t.reasonsHint)}</p>${reasonsError}
<textarea id="reasons" name="reasons" rows="3" maxlength="4000" aria-describedby="reasons-hint${errors.reasons ? ' reasons-error' : ''}"${errors.reasons ? ' aria-invalid="true"' : ''}>${e(v?.reasons ?? '')}</textarea></div>
<button type="submit">${e(t.decideButton)}</button></form></section>`;
}

export function renderConsoleCasePage(
  ctx: StaffContext,
  c: AuthorityCaseView,
  input: { forms?: CaseForms; done?: unknown } = {},
): string {
  const t = CONSOLE_MESSAGES[ctx.lang];
  const forms = input.forms ?? {};
  const open = OPEN_STATUSES.includes(c.status as (typeof OPEN_STATUSES)[number]);
  const review =
    c.status === 'SUBMITTED'
      ? `<form method="post" action="/console/cases/${e(c.id)}/review">${csrfField(ctx)}<button type="submit">${e(t.reviewButton)}</button></form>`
      : '';
  const actions = open
    ? `<h2 class="actions-title">${e(t.actions)}</h2>${errorSummary(ctx.lang, {}, forms.problem)}${review}
${c.status === 'INFO_REQUESTED' ? '' : infoForm(ctx, c, forms.info)}
${decideForm(ctx, c, forms.decision)}`
    : '';
  const title = fill(t.caseTitle, { ref: caseRef(c.id) });
  const main = `${notice(ctx.lang, input.done)}<h1>${e(title)}</h1>
<p>${statusBadges(ctx.lang, c)}</p>
<section class="card" aria-labelledby="facts-title"><h2 id="facts-title">${e(t.caseFacts)}</h2>
${definitionList([
  [t.destination, e(c.destinationCountry)],
  [t.purpose, e(say(ctx.lang, `purpose_${c.purpose}`))],
  [t.route, e(say(ctx.lang, `route_${c.route}`))],
  [t.legalisation, e(sayCode(ctx.lang, `legal_${c.legalisation}`))],
  [t.submitted, e(formatDate(c.submittedAt, ctx.lang))],
  [t.deadline, termText(ctx.lang, c)],
])}</section>
${decisionSection(ctx.lang, c)}
${credentialsSection(ctx.lang, c)}
${messagesSection(ctx.lang, c)}
${precedentsSection(ctx.lang, c)}
${actions}`;
  return consolePage(ctx, { title, path: `/console/cases/${c.id}`, main, current: 'queue' });
}
