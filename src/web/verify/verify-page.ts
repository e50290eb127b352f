import type { RecognitionResult } from '../../modules/recognition/recognition-engine.js';
import type { CredentialSummary } from '../../modules/verifiers/credential-summary.js';
import { escapeHtml as e, formatDate, type Lang } from '../../common/i18n/i18n.js';
import { formatMessage } from '../../common/i18n/message-format.js';
import { claimCodeNotice } from '../landing/landing-page.js';
import { definitionList, icon, renderPage, type Tone } from '../layout.js';
import { countryArticle, NEAR_COUNTRIES } from '../messages/country-grammar.js';
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
  /** When a revoked or suspended credential became so. */
  statusSince?: string | Date | null;
  /** What a recognition decision is about and what it decided; null for other credentials. */
  decision?: DecisionView | null;
}

/** A recognition decision's facts, as the credential states them. */
export interface DecisionView {
  originalTitle: string | null;
  institution: string | null;
  originCountry: string | null;
  authority: string | null;
  authorityCountry: string | null;
  number: string | null;
  date: string | null;
  outcome: string | null;
  equivalentTitle: string | null;
}

/** The frameworks' levels and the meta-framework's words for each level, in the page's language. */
export interface LevelReference {
  frameworks: { code: string; levels: { level: number; metaLevel: number | null }[] }[];
  metaNames: Record<number, string>;
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
  /** The country preselected when none was asked for (from Accept-Language). */
  suggestedCountry?: string;
  /** The day the answer is for. */
  date: Date;
  levels: LevelReference;
  /** For a holder's share: whose it is (the name on the credentials) and until when. */
  share?: { holderName: string | null; expiresAt: Date } | null;
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

/** A level in plain words: the framework's own level and the meta-framework's descriptor. */
function levelText(
  input: VerifyPageInput,
  framework: string | null,
  level: number | null,
  knownMeta: number | null = null,
): string {
  const t = VERIFY_MESSAGES[input.lang];
  const meta =
    knownMeta ??
    input.levels.frameworks.find((f) => f.code === framework)?.levels.find((l) => l.level === level)
      ?.metaLevel ??
    null;
  const metaName = meta === null ? undefined : input.levels.metaNames[meta];
  if (framework && level !== null) {
    return metaName
      ? formatMessage(input.lang, t.levelWords, { level, framework, metaName, meta: meta! })
      : `${t.level} ${level} · ${framework}`;
  }
  return metaName ? formatMessage(input.lang, t.levelMetaOnly, { metaName, meta: meta! }) : '';
}

function equivalentText(input: VerifyPageInput, r: RecognitionResult): string {
  const eq = r.equivalent;
  if (!eq) return '';
  const t = VERIFY_MESSAGES[input.lang];
  const levels = eq.levels.length > 1 ? eq.levels : [eq.level];
  const level = levels
    .map((l) => levelText(input, eq.framework, l, eq.metaLevel))
    .filter(Boolean)
    .join(' / ');
  const group = eq.isco08 ? fill(t.occupationGroup, { code: eq.isco08 }) : null;
  return [eq.title ?? eq.standardId ?? group, level].filter(Boolean).join(' · ');
}

/** Whole years from `from` to `to`, as a person counts a document's age. */
function yearsBetween(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const before =
    to.getUTCMonth() < from.getUTCMonth() ||
    (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (before) years -= 1;
  return years;
}

const asDate = (value: unknown): Date | null => {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** A reason in words, with its figures where the rule has some (the limit and the actual value). */
function reasonText(
  input: VerifyPageInput,
  item: VerifyPageItem,
  r: Pick<RecognitionResult, 'conditions'>,
  code: string,
): string {
  const t = VERIFY_MESSAGES[input.lang];
  const condition = r.conditions.find((c) => c.hard && c.code === code);
  const issued = asDate(item.summary.validFrom);
  if (code === 'ISSUED_AFTER') {
    const required = asDate(condition?.params.date);
    if (required && issued) {
      return formatMessage(input.lang, t.figure_ISSUED_AFTER, { actual: issued, required });
    }
  }
  if (code === 'MAX_AGE_YEARS') {
    const limit = Number(condition?.params.years);
    if (Number.isFinite(limit) && issued) {
      const age = yearsBetween(issued, input.date);
      return formatMessage(input.lang, t.figure_MAX_AGE_YEARS, { age, limit });
    }
  }
  return say(t, `reason_${code}`);
}

const list = (items: string[]) =>
  items.length > 0 ? `<ul>${items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>` : '';

/** The other agreements that apply, each with its answer and its reasons, figures included. */
function alternativesList(input: VerifyPageInput, item: VerifyPageItem, r: RecognitionResult) {
  const t = VERIFY_MESSAGES[input.lang];
  const entries = r.alternatives.map((alternative) => {
    const reasons = alternative.reasons.map((code) => reasonText(input, item, alternative, code));
    return `<li>${e(`${alternative.agreement.name}: ${say(t, alternative.outcome)}`)}${list(reasons)}</li>`;
  });
  return entries.length > 0 ? `<ul>${entries.join('')}</ul>` : '';
}

/** The recognition answer for one credential; the page's script draws the same markup. */
function answerBlock(input: VerifyPageInput, item: VerifyPageItem, title: string | null): string {
  const t = VERIFY_MESSAGES[input.lang];
  const r = item.recognition!;
  const tone = TONE[r.outcome] ?? 'warn';
  const soft = [...new Set(r.conditions.filter((c) => !c.hard).map((c) => c.code))];
  const context = formatMessage(input.lang, t.answerFor, {
    article: countryArticle(input.lang, input.country),
    country: countryName(input, input.country),
    purpose: say(t, input.purpose ?? 'EMPLOYMENT'),
  });
  // An agreement is named only beside an answer it gave: "not covered" next to "Agreement: …"
  // reads as a contradiction.
  const agreementLabel =
    r.outcome === 'RECOGNISED' || r.outcome === 'VALID_WITH_CONDITIONS'
      ? t.agreement
      : r.outcome === 'AGREEMENT_SUSPENDED'
        ? t.agreementSuspended
        : null;
  return `<div class="answer ${tone}" data-outcome="${e(r.outcome)}">
${title ? `<p class="answer-of">${e(title)}</p>` : ''}<p class="answer-title">${icon(tone)}<strong>${e(say(t, r.outcome))}</strong></p>
<p class="answer-context">${e(context)}</p>
${definitionList([
  [t.equivalent, e(equivalentText(input, r))],
  [t.conditions, list(soft.map((code) => say(t, `cond_${code}`)))],
  [t.missingUnits, e(r.missingUnits.join(', '))],
  [agreementLabel ?? '', agreementLabel ? e(r.agreement?.name ?? '') : ''],
  [t.reasons, list(r.reasons.map((code) => reasonText(input, item, r, code)))],
  [t.alternatives, alternativesList(input, item, r)],
])}
<p class="rules">${e(fill(t.rules, { version: r.rulesVersion, date: formatDate(input.date, input.lang) }))}</p>
</div>`;
}

function issuerText(input: VerifyPageInput, item: VerifyPageItem): string {
  const t = VERIFY_MESSAGES[input.lang];
  const s = item.summary;
  const name = e(s.issuer.name ?? s.issuer.did ?? '');
  const country = s.issuer.country ? `<br>${e(countryName(input, s.issuer.country))}` : '';
  // The accreditation is a fact about issuance; beside a revoked or suspended credential a green
  // tick would read as "still good", so it is said only of a valid one, or when it failed.
  const accreditation = item.outsideAccreditation
    ? `<br><span class="check warn">${icon('warn')}${e(t.outsideAccreditation)}</span>`
    : item.accredited === null || (item.accredited && item.status !== 'VALID')
      ? ''
      : `<br><span class="check ${item.accredited ? 'ok' : 'bad'}">${icon(item.accredited ? 'ok' : 'bad')}${e(item.accredited ? t.accredited : t.notAccredited)}</span>`;
  return `${name}${country}${accreditation}`;
}

/** The dates a card shows: issued, and until when it is valid, or since when it is not. */
function dateRows(input: VerifyPageInput, item: VerifyPageItem): [string, string][] {
  const t = VERIFY_MESSAGES[input.lang];
  const s = item.summary;
  const rows: [string, string][] = [[t.issuedOn, e(formatDate(s.validFrom, input.lang))]];
  if (item.status === 'REVOKED' || item.status === 'SUSPENDED') {
    const label = item.status === 'REVOKED' ? t.revokedOn : t.suspendedOn;
    rows.push([label, e(formatDate(item.statusSince ?? null, input.lang))]);
  } else if (item.status === 'VALID' || s.validUntil) {
    rows.push([t.validUntil, e(s.validUntil ? formatDate(s.validUntil, input.lang) : t.noExpiry)]);
  }
  return rows;
}

/** A recognition decision's card: the title it recognised, where from, and the decision. */
function decisionRows(input: VerifyPageInput, d: DecisionView): [string, string][] {
  const t = VERIFY_MESSAGES[input.lang];
  const authority = [d.authority, d.authorityCountry ? countryName(input, d.authorityCountry) : '']
    .filter(Boolean)
    .join(', ');
  return [
    [t.originalTitle, e(d.originalTitle ?? '')],
    [t.institution, e(d.institution ?? '')],
    [t.originCountry, e(countryName(input, d.originCountry))],
    [t.decisionAuthority, e(authority)],
    [t.decisionNumber, e(d.number ?? '')],
    [t.decisionDate, e(formatDate(d.date, input.lang))],
    [t.decisionOutcome, e(d.outcome ? say(t, `outcome_${d.outcome}`) : '')],
    [t.equivalentTitle, e(d.equivalentTitle ?? '')],
  ];
}

/** What the decision adds to its card: its conditions, and how the origin was established. */
function decisionProcedureRows(input: VerifyPageInput, s: CredentialSummary): [string, string][] {
  const d = s.decision;
  if (!d) return [];
  const t = VERIFY_MESSAGES[input.lang];
  return [
    [t.decisionConditions, list(d.conditions)],
    [t.originAwarded, e(d.origin?.dateAwarded ? formatDate(d.origin.dateAwarded, input.lang) : '')],
    [t.legalisationRoute, e(d.legalisationRoute ? say(t, `legal_${d.legalisationRoute}`) : '')],
    [t.assuranceLevel, e(d.assuranceLevel ? say(t, `assurance_${d.assuranceLevel}`) : '')],
  ];
}

function credentialBlock(input: VerifyPageInput, item: VerifyPageItem, index: number): string {
  const t = VERIFY_MESSAGES[input.lang];
  const tone = TONE[item.status] ?? 'bad';
  const s = item.summary;
  const heading = input.items.length === 1 ? 'h1' : 'h2';
  const kind = s.type ? say(t, s.type) : '';
  const level = s.level ? levelText(input, s.level.framework, s.level.level) : '';
  return `<article class="credential" aria-labelledby="verdict-${index}-title">
<div class="verdict ${tone}" id="verdict-${index}">${icon(tone)}<div>
<${heading} id="verdict-${index}-title">${e(say(t, item.status))}</${heading}>
<p>${e(say(t, item.outsideAccreditation && item.status === 'VALID' ? 'VALID_OPEN_detail' : `${item.status}_detail`))}</p></div></div>
<section class="card facts" aria-label="${e(t.certified)}">
<p class="kicker">${e(kind)}</p>
<p class="what">${e(s.title ?? '')}</p>
${level ? `<p class="level">${e(level)}</p>` : ''}
${definitionList([
  [t.holder, e(s.holder.name ?? '')],
  ...(item.decision ? decisionRows(input, item.decision) : []),
  [t.issuedBy, issuerText(input, item)],
  ...dateRows(input, item),
  ...decisionProcedureRows(input, s),
])}
</section>
</article>`;
}

function countryOptions(input: VerifyPageInput): string {
  const t = VERIFY_MESSAGES[input.lang];
  const chosen = input.country ?? input.suggestedCountry;
  const option = (c: { code: string; name: string }) =>
    `<option value="${e(c.code)}"${c.code === chosen ? ' selected' : ''}>${e(c.name)}</option>`;
  const near = input.countries.filter((c) => NEAR_COUNTRIES.includes(c.code));
  // The region's countries first, then every country: a short list to scan, and typing a
  // country's first letters jumps to it in any browser, without a script.
  return `<optgroup label="${e(t.countriesNear)}">${near.map(option).join('')}</optgroup>
<optgroup label="${e(t.countriesAll)}">${input.countries
    .map((c) => (near.includes(c) ? option(c).replace(' selected', '') : option(c)))
    .join('')}</optgroup>`;
}

function recognitionForm(input: VerifyPageInput): string {
  const t = VERIFY_MESSAGES[input.lang];
  const purposes = input.purposes
    .map(
      (p) =>
        `<option value="${e(p)}"${p === input.purpose ? ' selected' : ''}>${e(say(t, p))}</option>`,
    )
    .join('');
  return `<section class="card recognition" aria-labelledby="rec-title">
<h2 id="rec-title">${e(t.recognition)}</h2>
<p class="hint">${e(t.recognitionHint)}</p>
<form id="recognition-form" class="stack" method="get" action="${e(input.path)}#recognition-answer" data-loading="${e(t.loading)}">
<input type="hidden" name="lang" value="${input.lang}">
<div class="field"><label for="country">${e(t.country)}</label>
<select id="country" name="country" required><option value="">${e(t.chooseCountry)}</option>${countryOptions(input)}</select></div>
<div class="field"><label for="purpose">${e(t.purpose)}</label>
<select id="purpose" name="purpose">${purposes}</select></div>
<button type="submit">${e(t.check)}</button>
</form>
</section>`;
}

/** The answers for the country and purpose asked; empty (and hidden) when none was asked. */
function answersBlock(input: VerifyPageInput): string {
  const many = input.items.length > 1;
  const answers = input.items
    .filter((item) => item.recognition)
    .map((item) => answerBlock(input, item, many ? item.summary.title : null))
    .join('\n');
  return `<div id="recognition-answer" class="answers" aria-live="polite">${answers}</div>`;
}

function shareNotice(input: VerifyPageInput): string {
  if (!input.share) return '';
  const t = VERIFY_MESSAGES[input.lang];
  const text = input.share.holderName
    ? formatMessage(input.lang, t.sharedBy, {
        name: input.share.holderName,
        until: input.share.expiresAt,
      })
    : formatMessage(input.lang, t.sharedByHolder, { until: input.share.expiresAt });
  return `<p class="notice share" id="share-notice">${e(text)}</p>`;
}

/**
 * The page a QR code opens: the verdict, then what, by whom, for whom, and recognition. A link
 * that asks for a country (`?country=PE`) gets that answer first, above the verdict.
 */
export function renderVerifyPage(input: VerifyPageInput): string {
  const t = VERIFY_MESSAGES[input.lang];
  const blocks = input.items.map((item, i) => credentialBlock(input, item, i)).join('\n');
  const heading = input.items.length > 1 ? `<h1 class="page-title">${e(t.sharedTitle)}</h1>` : '';
  // What a credential is worth elsewhere is asked only of one that is valid today.
  const askable = input.items.some((item) => item.status === 'VALID');
  const answers = askable ? answersBlock(input) : '';
  const form = askable ? recognitionForm(input) : '';
  const first = input.items[0]?.status ?? 'INVALID';
  const printed = `<p class="print-only">${e(fill(t.printedFrom, { url: input.url, date: formatDate(input.date, input.lang) }))}</p>`;
  return renderPage({
    lang: input.lang,
    title: input.items.length > 1 ? t.sharedTitle : say(t, first),
    path: input.path,
    query: { country: input.country, purpose: input.country ? input.purpose : undefined },
    main: `${heading}${shareNotice(input)}${answers}\n${blocks}\n${form}\n${printed}\n<p class="no-print"><a href="/">${e(t.verifyAnother)}</a></p>`,
    scripts: askable ? ['/assets/verify.js'] : [],
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

/** A claim code opened as a link: what it is and where to use it, never "not found". */
export function renderClaimCodePage(lang: Lang, path: string): string {
  const t = VERIFY_MESSAGES[lang];
  return renderPage({
    lang,
    title: t.title,
    path,
    main: `${claimCodeNotice(lang, 'h1')}
<p><a class="button secondary" href="/">${e(t.verifyAnother)}</a></p>`,
  });
}
