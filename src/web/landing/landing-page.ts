import { escapeHtml as e, type Lang } from '../../common/i18n/i18n.js';
import { renderPage } from '../layout.js';
import { SITE_MESSAGES } from '../messages/site-messages.js';

export interface LandingInput {
  lang: Lang;
  /** What the person typed, when it was not a link or code of ours. */
  code?: string;
  invalid?: boolean;
  /** What the person pasted was a holder's claim code. */
  claimCode?: boolean;
}

/** Said instead of "not found" to whoever pastes a claim code: what it is, where to go. */
export function claimCodeNotice(lang: Lang, headingLevel: 'h1' | 'h2'): string {
  const t = SITE_MESSAGES[lang];
  return `<section class="card claim-code" id="claim-code" aria-labelledby="claim-code-title">
<${headingLevel} id="claim-code-title">${e(t.claimCodeTitle)}</${headingLevel}>
<p>${e(t.claimCodeText)}</p>
<p><a class="button" href="/portal/signup">${e(t.claimCodeSignup)}</a></p>
</section>`;
}

const CAMERA_ICON =
  '<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h4v2H6v2H4zm12 0h4v4h-2V6h-2zM4 16h2v2h2v2H4zm14 0h2v4h-4v-2h2zM8 8h3v3H8zm5 0h3v3h-3zm-5 5h3v3H8zm5 0h3v3h-3z"/></svg>';

/** The home page: what Reconoce is, verify a credential (link, code or QR), the portal, the API. */
export function renderLandingPage(input: LandingInput): string {
  const t = SITE_MESSAGES[input.lang];
  const error = input.invalid ? `<p class="error" id="code-error">${e(t.codeInvalid)}</p>` : '';
  const describedBy = input.invalid ? 'code-hint code-error' : 'code-hint';
  const main = `<h1>${e(t.landingTitle)}</h1>
${input.claimCode ? claimCodeNotice(input.lang, 'h2') : ''}<section class="card" aria-labelledby="verify-title">
<h2 id="verify-title">${e(t.verifyTitle)}</h2>
<form id="verify-form" class="stack" method="get" action="/verify">
<div class="field"><label for="code">${e(t.codeLabel)}</label>
<p class="hint" id="code-hint">${e(t.codeHint)}</p>${error}
<input id="code" name="code" type="text" inputmode="url" autocomplete="off" autocapitalize="off" spellcheck="false" required aria-describedby="${describedBy}"${input.invalid ? ' aria-invalid="true"' : ''} value="${e(input.code ?? '')}"></div>
<button type="submit">${e(t.verifyButton)}</button>
</form>
<div id="scan" class="scanner" hidden data-no-camera="${e(t.scanNoCamera)}" data-not-found="${e(t.scanNotFound)}">
<p class="or">${e(t.or)}</p>
<div class="actions">
<button type="button" class="secondary" id="scan-camera" hidden>${CAMERA_ICON}${e(t.scanCamera)}</button>
<label class="button secondary file-button">${e(t.scanPhoto)}<input type="file" accept="image/*" id="scan-file"></label>
</div>
<div id="scan-view" class="stack" hidden>
<p>${e(t.scanHelp)}</p>
<video id="scan-video" playsinline muted></video>
<button type="button" class="secondary" id="scan-stop">${e(t.scanStop)}</button>
</div>
<p id="scan-status" class="error" role="status"></p>
</div>
</section>
<section class="about" aria-labelledby="about-title">
<h2 id="about-title">${e(t.aboutTitle)}</h2>
<p class="lead">${e(t.lead1)} ${e(t.lead2)}</p>
</section>
<section class="card" aria-labelledby="holder-title">
<h2 id="holder-title">${e(t.holderTitle)}</h2>
<p>${e(t.holderText)}</p>
<div class="actions"><a class="button" href="/portal/signup">${e(t.holderSignup)}</a><a class="button secondary" href="/portal">${e(t.holderLogin)}</a></div>
</section>
<section class="card" aria-labelledby="dev-title">
<h2 id="dev-title">${e(t.devTitle)}</h2>
<p>${e(t.devText)} <a href="/docs">${e(t.devLink)}</a></p>
</section>`;
  return renderPage({
    lang: input.lang,
    title: t.landingTitle,
    path: '/',
    main,
    scripts: ['/assets/scan.js'],
  });
}
