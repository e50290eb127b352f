import { escapeHtml as e } from '../../common/i18n/i18n.js';
import { PORTAL_MESSAGES } from '../messages/portal-messages.js';
import type { PortalContext } from './portal-context.js';
import {
  browserTimeZoneField,
  documentFields,
  TIME_ZONE_SCRIPT,
  type DocumentValues,
} from './portal-forms.js';
import {
  csrfField,
  errorSummary,
  notice,
  portalPage,
  textField,
  type FieldErrors,
  type Option,
} from './portal-view.js';

export interface AuthFormInput {
  countries: Option[];
  values?: Partial<DocumentValues & { claimCode: string }>;
  errors?: FieldErrors;
  /** A message about the whole form (wrong password, used code…). */
  problem?: string;
  done?: unknown;
}

/** `/portal` signed out: what the portal is, the way in for newcomers, and signing in. */
export function renderLoginPage(ctx: PortalContext, input: AuthFormInput): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const main = `${notice(ctx.lang, input.done)}<h1>${e(t.welcomeTitle)}</h1>
<p class="lead">${e(t.welcomeText)}</p>
<section class="card" aria-labelledby="first-title">
<h2 id="first-title">${e(t.firstTime)}</h2>
<p>${e(t.firstTimeText)}</p>
<a class="button" href="/portal/signup">${e(t.signupLink)}</a>
</section>
<section class="card" aria-labelledby="login-title">
<h2 id="login-title">${e(t.loginTitle)}</h2>
${errorSummary(ctx.lang, errors, input.problem)}
<form class="stack" method="post" action="/portal/login" novalidate>
${csrfField(ctx)}${browserTimeZoneField}
${documentFields(ctx.lang, input.values ?? {}, input.countries, errors)}
${textField({ name: 'password', label: t.password, type: 'password', autocomplete: 'current-password', errors })}
<button type="submit">${e(t.loginButton)}</button>
</form>
<p><a href="/portal/recover">${e(t.forgotLink)}</a></p>
</section>`;
  return portalPage(ctx, {
    title: t.loginTitle,
    path: '/portal',
    main,
    scripts: [TIME_ZONE_SCRIPT],
  });
}

/** Opening an account with the claim code printed with a credential. */
export function renderSignupPage(ctx: PortalContext, input: AuthFormInput): string {
  const t = PORTAL_MESSAGES[ctx.lang];
  const errors = input.errors ?? {};
  const main = `<h1>${e(t.signupTitle)}</h1>
<p>${e(t.signupIntro)}</p>
${errorSummary(ctx.lang, errors, input.problem)}
<form class="stack card" method="post" action="/portal/signup" novalidate>
${csrfField(ctx)}${browserTimeZoneField}
${textField({
  name: 'claimCode',
  label: t.claimCode,
  hint: t.claimCodeHint,
  value: input.values?.claimCode,
  autocomplete: 'off',
  maxLength: 64,
  extra: ' autocapitalize="characters" spellcheck="false"',
  errors,
})}
${documentFields(ctx.lang, input.values ?? {}, input.countries, errors)}
${textField({ name: 'password', label: t.password, hint: t.passwordHint, type: 'password', autocomplete: 'new-password', errors })}
<button type="submit">${e(t.signupButton)}</button>
</form>
<p>${e(t.haveAccount)} <a href="/portal">${e(t.loginLink)}</a></p>`;
  return portalPage(ctx, {
    title: t.signupTitle,
    path: '/portal/signup',
    main,
    scripts: [TIME_ZONE_SCRIPT],
  });
}
