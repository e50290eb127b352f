import type { RecognitionResult } from '../../modules/recognition/recognition-engine.js';
import type { CredentialSummary } from '../../modules/verifiers/credential-summary.js';
import { escapeHtml as e, formatDate, type Lang } from '../../common/i18n/i18n.js';
import { definitionList, icon, renderPage, type Tone } from '../layout.js';
import { fill } from '../messages/define.js';
import { VERIFY_MESSAGES, type VerifyMessageKey } from '../messages/verify-messages.js';

export interface VerifyPageItem {
  status: string;
  summary: CredentialSummary;
  /** Whether the issuer was accredited for it at issuance; null when that was not checked. */
  accredited: boolean | null;
  /** Issued under the open issuance profile: outside accreditation, never shown as accredited. */
  outsideAccreditation?: boolean;
  recognition?: RecognitionResult;
}

export interface VerifyPageInput {
  lang: Lang;
  path: string;
  /** The page's public address, printed at the foot of a printout. */
  url: string;
  items: VerifyPageItem[];
  countries: { code: string; name: string }[];
  purposes: readonly string[];
  country?: string;
  purpose?: string;
  /** The day the answer is for. */
  date: Date;
}

const TONE: Record<string, Tone> = {
  VALID: 'ok',
  SUSPENDED: 'warn',
  EXPIRED: 'warn',
  REVOKED: 'bad',
  INVALID: 'bad',
  RECOGNISED: 'ok',
  VALID_DOMESTIC: 'ok',
  VALID_WITH_CONDITIONS: 'warn',
  VALID_NOT_COVERED: 'warn',
  AGREEMENT_SUSPENDED: 'warn',
};

type Messages = (typeof VERIFY_MESSAGES)['es'];

/** A message by a key built from data (a status, a reason code); the code itself if unknown. */
function say(t: Messages, key: string): string {
  return key in t ? t[key as VerifyMessageKey] : key;
}

function countryName(input: VerifyPageInput, code: string | null | undefined): string {
  if (!code) return '';
  return input.countries.find((c) => c.code === code)?.name ?? code;
}

function equivalentText(r: RecognitionResult): string {
  const eq = r.equivalent;
  if (!eq) return '';
  const level = eq.framework && eq.level !== null ? `${eq.framework} ${eq.level}` : null;
  return [eq.title ?? eq.standardId, level].filter(Boolean).join(' · ');
}

const list = (items: string[]) =>
  items.length > 0 ? `<ul>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : '';

/** The recognition answer for one credential; the page's script draws the same markup. */
function answerBlock(input: VerifyPageInput, r: RecognitionResult, title: string | null): string {
  const t = VERIFY_MESSAGES[input.lang];
  const tone = TONE[r.outcome] ?? 'warn';
  const soft = [...new Set(r.conditions.filter((c) => !c.hard).map((c) => c.code))];
  const context = fill(t.answerFor, {
    country: countryName(input, input.country),
    purpose: say(t, input.purpose ?? 'EMPLOYMENT'),
  });
  return `<div class="answer ${tone}" data-outcome="${e(r.outcome)}">
${title ? `<p class="answer-of">${e(title)}</p>` : ''}<p class="answer-title">${icon(tone)}<strong>${e(say(t, r.outcome))}</strong></p>
<p class="answer-context">${e(context)}</p>
${definitionList([
  [t.equivalent, e(equivalentText(r))],
  [t.conditions, list(soft.map((code) => say(t, `cond_${code}`)))],
  [t.missingUnits, e(r.missingUnits.join(', '))],
  [t.agreement, e(r.agreement?.name ?? '')],
  [t.reasons, list(r.reasons.map((code) => say(t, `reason_${code}`)))],
])}
<p class="rules">${e(fill(t.rules, { version: r.rulesVersion, date: formatDate(input.date, input.lang) }))}</p>
</div>`;
}

function issuerText(input: VerifyPageInput, item: VerifyPageItem): string {
  const t = VERIFY_MESSAGES[input.lang];
  const s = item.summary;
  const name = e(s.issuer.name ?? s.issuer.did ?? '');
  const country = s.issuer.country ? `<br>${e(countryName(input, s.issuer.country))}` : '';
  const accreditation = item.outsideAccreditation
    ? `<br><span class="check warn">${icon('warn')}${e(t.outsideAccreditation)}</span>`
    : item.accredited === null
      ? ''
      : `<br><span class="check ${item.accredited ? 'ok' : 'bad'}">${icon(item.accredited ? 'ok' : 'bad')}${e(item.accredited ? t.accredited : t.notAccredited)}</span>`;
  return `${name}${country}${accreditation}`;
}

function credentialBlock(input: VerifyPageInput, item: VerifyPageItem, index: number): string {
  const t = VERIFY_MESSAGES[input.lang];
  const tone = TONE[item.status] ?? 'bad';
  const s = item.summary;
  const heading = input.items.length === 1 ? 'h1' : 'h2';
  const kind = s.type ? say(t, s.type) : '';
  const level = s.level ? `${t.level} ${s.level.framework} ${s.level.level}` : '';
  return `<article class="credential" aria-labelledby="verdict-${index}-title">
<div class="verdict ${tone}" id="verdict-${index}">${icon(tone)}<div>
<${heading} id="verdict-${index}-title">${e(say(t, item.status))}</${heading}>
<p>${e(say(t, item.outsideAccreditation && item.status === 'VALID' ? 'VALID_OPEN_detail' : `${item.status}_detail`))}</p></div></div>
<section class="card facts" aria-label="${e(t.certified)}">
<p class="kicker">${e([kind, level].filter(Boolean).join(' · '))}</p>
<p class="what">${e(s.title ?? '')}</p>
${definitionList([
  [t.holder, e(s.holder.name ?? '')],
  [t.issuedBy, issuerText(input, item)],
  [t.issuedOn, e(formatDate(s.validFrom, input.lang))],
  [t.validUntil, e(s.validUntil ? formatDate(s.validUntil, input.lang) : t.noExpiry)],
])}
</section>
</article>`;
}

/** The words the page's script needs to draw an answer, carried by the form. */
function scriptMessages(lang: Lang): string {
  const t = VERIFY_MESSAGES[lang];
  const keys = (Object.keys(t) as VerifyMessageKey[]).filter(
    (key) =>
      /^(reason_|cond_)/.test(key) ||
      key in TONE ||
      [
        'answerFor',
        'equivalent',
        'conditions',
        'missingUnits',
        'agreement',
        'reasons',
        'rules',
        'loading',
        'EMPLOYMENT',
        'ACADEMIC_CONTINUATION',
        'PROFESSIONAL_PRACTICE',
      ].includes(key),
  );
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, t[key]])));
}

function recognitionSection(input: VerifyPageInput): string {
  const t = VERIFY_MESSAGES[input.lang];
  const options = input.countries
    .map(
      (c) =>
        `<option value="${e(c.code)}"${c.code === input.country ? ' selected' : ''}>${e(c.name)}</option>`,
    )
    .join('');
  const purposes = input.purposes
    .map(
      (p) =>
        `<option value="${e(p)}"${p === input.purpose ? ' selected' : ''}>${e(say(t, p))}</option>`,
    )
    .join('');
  const many = input.items.length > 1;
  const answers = input.items
    .filter((item) => item.recognition)
    .map((item) => answerBlock(input, item.recognition!, many ? item.summary.title : null))
    .join('\n');
  return `<section class="card recognition" aria-labelledby="rec-title">
<h2 id="rec-title">${e(t.recognition)}</h2>
<p class="hint">${e(t.recognitionHint)}</p>
<form id="recognition-form" class="stack" method="get" action="${e(input.path)}#recognition-answer" data-i18n="${e(scriptMessages(input.lang))}" data-lang="${input.lang}">
<input type="hidden" name="lang" value="${input.lang}">
<div class="field"><label for="country">${e(t.country)}</label>
<select id="country" name="country" required><option value="">${e(t.chooseCountry)}</option>${options}</select></div>
<div class="field"><label for="purpose">${e(t.purpose)}</label>
<select id="purpose" name="purpose">${purposes}</select></div>
<button type="submit">${e(t.check)}</button>
</form>
<div id="recognition-answer" class="answers" aria-live="polite">${answers}</div>
</section>`;
}

/** The page a QR code opens: the verdict first, then what, by whom, for whom, and recognition. */
export function renderVerifyPage(input: VerifyPageInput): string {
  const t = VERIFY_MESSAGES[input.lang];
  const blocks = input.items.map((item, i) => credentialBlock(input, item, i)).join('\n');
  const heading = input.items.length > 1 ? `<h1 class="page-title">${e(t.sharedTitle)}</h1>` : '';
  // What a credential is worth elsewhere is asked only of one that is valid today.
  const recognition = input.items.some((item) => item.status === 'VALID')
    ? recognitionSection(input)
    : '';
  const first = input.items[0]?.status ?? 'INVALID';
  const printed = `<p class="print-only">${e(fill(t.printedFrom, { url: input.url, date: formatDate(input.date, input.lang) }))}</p>`;
  return renderPage({
    lang: input.lang,
    title: input.items.length > 1 ? t.sharedTitle : say(t, first),
    path: input.path,
    query: { country: input.country, purpose: input.country ? input.purpose : undefined },
    main: `${heading}${blocks}\n${recognition}\n${printed}\n<p class="no-print"><a href="/">${e(t.verifyAnother)}</a></p>`,
    scripts: recognition ? ['/assets/verify.js'] : [],
  });
}

/** The same page for a link that is unknown, disabled, stopped or expired. */
export function renderGonePage(
  lang: Lang,
  path: string,
  kind: 'notFound' | 'shareRevoked' | 'shareExpired',
): string {
  const t = VERIFY_MESSAGES[lang];
  return renderPage({
    lang,
    title: t[kind],
    path,
    main: `<div class="verdict bad" id="verdict-0">${icon('bad')}<div><h1>${e(t[kind])}</h1><p>${e(t[`${kind}_detail`])}</p></div></div>
<p><a class="button secondary" href="/">${e(t.verifyAnother)}</a></p>`,
  });
}
