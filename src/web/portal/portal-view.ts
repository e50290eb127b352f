import type { Response } from 'express';
import { escapeHtml as e, type Lang } from '../../common/i18n/i18n.js';
import { icon, renderPage, type Tone } from '../layout.js';
import { PORTAL_MESSAGES, type PortalMessages } from '../messages/portal-messages.js';
import type { PortalContext } from './portal-context.js';
import { csrfInput } from '../csrf.js';

export type NavItem = 'credentials' | 'shares' | 'cases' | 'claims' | 'account';

/** Field name → message (already in the page's language). */
export type FieldErrors = Record<string, string>;

export interface Option {
  value: string;
  label: string;
}

/** Portal messages by a key built from data (a status, a document type). */
export function say(lang: Lang, key: string): string {
  const t = PORTAL_MESSAGES[lang];
  return key in t ? t[key as keyof PortalMessages] : key;
}

export function csrfField(ctx: PortalContext): string {
  return csrfInput(ctx.csrf);
}

function portalNav(ctx: PortalContext, current: NavItem | undefined): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const links: [NavItem, string, string][] = [
    ['credentials', '/portal/credentials', t.navCredentials],
    ['shares', '/portal/shares', t.navShares],
    ['cases', '/portal/cases', t.navCases],
    ['claims', '/portal/claims', t.navClaim],
    ['account', '/portal/account', t.navAccount],
  ];
  const items = links
    .map(
      ([item, href, label]) =>
        `<li><a href="${href}"${item === current ? ' aria-current="page"' : ''}>${e(label)}</a></li>`,
    )
    .join('');
  const logout = `<li><form method="post" action="/portal/logout">${csrfField(ctx)}<button type="submit">${e(t.logout)}</button></form></li>`;
  return `<nav class="portal-nav" aria-label="${e(t.portal)}"><ul>${items}${logout}</ul></nav>`;
}

export interface PortalPageInput {
  title: string;
  path: string;
  main: string;
  current?: NavItem;
  query?: Record<string, string | undefined>;
  scripts?: string[];
  bodyClass?: string;
  /** Leave the portal's navigation out (the full-screen QR code has room for nothing else). */
  bare?: boolean;
}

export function portalPage(ctx: PortalContext, input: PortalPageInput): string {
  return renderPage({
    lang: ctx.lang,
    title: input.title,
    path: input.path,
    query: input.query,
    main: input.main,
    nav: ctx.holder && !input.bare ? portalNav(ctx, input.current) : undefined,
    scripts: input.scripts,
    bodyClass: input.bodyClass,
  });
}

/** Pages with personal data are never cached, by the browser or anyone between. */
export function sendPage(res: Response, html: string, status = 200): void {
  res.status(status).set({ 'Cache-Control': 'no-store', Vary: 'Cookie' }).type('html').send(html);
}

/** A confirmation after a redirect (`?done=…`), in words. */
export function notice(lang: Lang, done: unknown): string {
  if (typeof done !== 'string' || !/^\w{1,20}$/.test(done)) return '';
  const key = `done_${done}`;
  const text = say(lang, key);
  if (text === key) return '';
  return `<div class="notice ok" role="status">${icon('ok')}<p>${e(text)}</p></div>`;
}

export function badge(tone: Tone, text: string): string {
  return `<span class="badge ${tone}">${icon(tone)}${e(text)}</span>`;
}

const FIELD_LABELS: Record<string, keyof PortalMessages> = {
  claimCode: 'claimCode',
  documentType: 'documentType',
  documentCountry: 'documentCountry',
  documentNumber: 'documentNumber',
  password: 'password',
  recoveryCode: 'recoveryCode',
  credentialIds: 'shareChoose',
  confirm: 'deleteConfirm',
  statistics: 'statsLegend',
  findableByEmploymentServices: 'jobsLegend',
  timeZone: 'timeZoneLabel',
  // The recognition case forms
  country: 'caseCountry',
  purpose: 'casePurpose',
  credentials: 'caseCredentialsShort',
  legalisation: 'caseLegalisationShort',
  files: 'caseFilesInput',
  message: 'caseAnswerText',
};

/** The list of what is wrong, at the top of a form, each naming and linking to its field. */
export function errorSummary(lang: Lang, errors: FieldErrors, general?: string): string {
  const t = PORTAL_MESSAGES[lang];
  const fields = Object.entries(errors);
  if (fields.length === 0 && !general) return '';
  const items = fields
    .map(([name, message]) => {
      const label = FIELD_LABELS[name] ? `${t[FIELD_LABELS[name]]}: ` : '';
      return `<li><a href="#${e(name)}">${e(label)}${e(message)}</a></li>`;
    })
    .join('');
  const list = items ? `<ul>${items}</ul>` : '';
  const lead = general ?? t.errorSummary;
  return `<div class="notice bad error-summary" role="alert" tabindex="-1" id="form-errors">${icon('bad')}<div><p>${e(lead)}</p>${list}</div></div>`;
}

interface FieldInput {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
}

function describedBy(field: FieldInput): string {
  const ids = [
    field.hint ? `${field.name}-hint` : '',
    field.errors[field.name] ? `${field.name}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const invalid = field.errors[field.name] ? ' aria-invalid="true"' : '';
  return `${ids ? ` aria-describedby="${ids}"` : ''}${invalid}`;
}

function fieldShell(field: FieldInput, control: string): string {
  const hint = field.hint ? `<p class="hint" id="${field.name}-hint">${e(field.hint)}</p>` : '';
  const error = field.errors[field.name]
    ? `<p class="error" id="${field.name}-error">${e(field.errors[field.name])}</p>`
    : '';
  return `<div class="field"><label for="${field.name}">${e(field.label)}</label>${hint}${error}${control}</div>`;
}

export function textField(
  field: FieldInput & {
    value?: string;
    type?: 'text' | 'password';
    autocomplete?: string;
    required?: boolean;
    maxLength?: number;
    extra?: string;
  },
): string {
  const value = field.type === 'password' ? '' : ` value="${e(field.value ?? '')}"`;
  const control = `<input id="${field.name}" name="${field.name}" type="${field.type ?? 'text'}"${value}${
    field.autocomplete ? ` autocomplete="${field.autocomplete}"` : ''
  }${field.required === false ? '' : ' required'}${field.maxLength ? ` maxlength="${field.maxLength}"` : ''}${
    field.extra ?? ''
  }${describedBy(field)}>`;
  return fieldShell(field, control);
}

export function selectField(
  field: FieldInput & { value?: string; options: Option[]; placeholder: string },
): string {
  const options = field.options
    .map(
      (o) =>
        `<option value="${e(o.value)}"${o.value === field.value ? ' selected' : ''}>${e(o.label)}</option>`,
    )
    .join('');
  const control = `<select id="${field.name}" name="${field.name}" required${describedBy(field)}><option value="">${e(field.placeholder)}</option>${options}</select>`;
  return fieldShell(field, control);
}
