import type {
  ConsentState,
  ConsentsView,
} from '../../modules/holders/services/holder-consents.service.js';
import { escapeHtml as e } from '../../common/i18n/i18n.js';
import { formatDateIn } from '../../common/i18n/time-zones.js';
import { fill } from '../messages/define.js';
import { PORTAL_MESSAGES, type PortalMessages } from '../messages/portal-messages.js';
import type { SignedInContext } from './portal-context.js';
import { csrfField, errorSummary, notice, portalPage, type FieldErrors } from './portal-view.js';

/** The portal's consent fields: the holder API's names, each answered yes or no. */
export const CONSENT_FIELDS = ['statistics', 'findableByEmploymentServices'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

type ConsentWords = Record<'title' | 'text' | 'legend' | 'yes' | 'no', keyof PortalMessages>;

const WORDS: Record<ConsentField, ConsentWords> = {
  statistics: {
    title: 'statsTitle',
    text: 'statsText',
    legend: 'statsLegend',
    yes: 'statsYes',
    no: 'statsNo',
  },
  findableByEmploymentServices: {
    title: 'jobsTitle',
    text: 'jobsText',
    legend: 'jobsLegend',
    yes: 'jobsYes',
    no: 'jobsNo',
  },
};

/** One consent: what it means, how it stands, and a form of its own to change it. */
function consentSection(ctx: SignedInContext, name: ConsentField, state: ConsentState): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const words = WORDS[name];
  const choice = (value: 'yes' | 'no') => {
    const checked = state.granted === (value === 'yes') ? ' checked' : '';
    return `<label class="choice" for="${name}-${value}"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${checked}><span>${e(t[words[value]])}</span></label>`;
  };
  const now = fill(t.consentNow, { answer: t[words[state.granted ? 'yes' : 'no']] });
  const since = state.updatedAt
    ? fill(t.statsSince, { date: formatDateIn(state.updatedAt, ctx.lang, ctx.timeZone) })
    : t.consentDefault;
  return `<section class="card" aria-labelledby="${name}-title"><h2 id="${name}-title">${e(t[words.title])}</h2><p>${e(t[words.text])}</p>
<p><strong>${e(now)}</strong> <span class="muted">${e(since)}</span></p>
<form class="stack" method="post" action="/portal/account/consents" novalidate>${csrfField(ctx)}
<fieldset id="${name}"><legend>${e(t[words.legend])}</legend><div class="choices">${choice('yes')}${choice('no')}</div></fieldset>
<button type="submit" class="secondary">${e(t.statsButton)}</button></form></section>`;
}

/** Every consent the holder API knows, in plain words, each with its state and its form. */
export function renderConsentsPage(
  ctx: SignedInContext,
  input: { consents: ConsentsView; done?: unknown; errors?: FieldErrors },
): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const sections = CONSENT_FIELDS.map((name) =>
    consentSection(ctx, name, input.consents[name]),
  ).join('\n');
  const main = `<p><a href="/portal/account">← ${e(t.accountTitle)}</a></p>
<h1>${e(t.consentsTitle)}</h1>
${notice(ctx.lang, input.done)}${errorSummary(ctx.lang, input.errors ?? {})}
<p>${e(t.consentsIntro)}</p>
${sections}`;
  return portalPage(ctx, {
    title: t.consentsTitle,
    path: '/portal/account/consents',
    main,
    current: 'account',
  });
}

/** The account page's summary: how each consent stands, and the way to the consents page. */
export function consentsSummary(ctx: SignedInContext, consents: ConsentsView): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const items = CONSENT_FIELDS.map((name) => {
    const words = WORDS[name];
    const answer = t[words[consents[name].granted ? 'yes' : 'no']];
    return `<li>${e(t[words.title])}: ${e(answer)}</li>`;
  }).join('');
  return `<section class="card" aria-labelledby="consents-title"><h2 id="consents-title">${e(t.consentsTitle)}</h2><ul>${items}</ul>
<p><a href="/portal/account/consents">${e(t.consentsLink)}</a></p></section>`;
}
