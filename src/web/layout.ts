import { escapeHtml as e, LANGS, type Lang } from '../common/i18n/i18n.js';
import { SITE_MESSAGES } from './messages/site-messages.js';

export type Tone = 'ok' | 'warn' | 'bad';

const ICON_PATHS: Record<Tone, string> = {
  ok: 'M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z',
  warn: 'M11 7h2v7h-2zm0 9h2v2h-2z',
  bad: 'M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7l-1.4-1.4L9.2 12 2.9 5.7l1.4-1.4 6.3 6.3 6.3-6.3z',
};

/** The verdict's symbol, drawn (no font needed) and hidden from screen readers: words carry it. */
export function icon(tone: Tone): string {
  return `<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path fill="currentColor" d="${ICON_PATHS[tone]}"/></svg>`;
}

/** A definition list of the rows that have a value. Values are HTML: escape before. */
export function definitionList(rows: [string, string | null | undefined | false][]): string {
  const items = rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(([label, value]) => `<div><dt>${e(label)}</dt><dd>${value}</dd></div>`)
    .join('');
  return items ? `<dl>${items}</dl>` : '';
}

export interface PageInput {
  lang: Lang;
  title: string;
  /** The GET address of this page, which the language links point to. */
  path: string;
  /** Query parameters the language links keep (not `lang`). */
  query?: Record<string, string | undefined>;
  main: string;
  /** Navigation under the header (the portal's). */
  nav?: string;
  /** Scripts from /assets, loaded deferred. */
  scripts?: string[];
  /** A class on <body>, for pages laid out differently (the full-screen QR). */
  bodyClass?: string;
}

function languageLinks(input: PageInput): string {
  const t = SITE_MESSAGES[input.lang];
  return LANGS.map((lang) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(input.query ?? {})) {
      if (value !== undefined && name !== 'lang') params.set(name, value);
    }
    params.set('lang', lang);
    const current = lang === input.lang ? ' aria-current="page"' : '';
    const name = t[`langName_${lang}`];
    return `<li><a href="${e(`${input.path}?${params.toString()}`)}" hreflang="${lang}" lang="${lang}"${current}><span aria-hidden="true">${lang.toUpperCase()}</span><span class="sr-only">${e(name)}</span></a></li>`;
  }).join('');
}

/** Every page's shell: skip link, header with the language switch, main, footer. */
export function renderPage(input: PageInput): string {
  const t = SITE_MESSAGES[input.lang];
  const scripts = (input.scripts ?? [])
    .map((src) => `<script src="${e(src)}" defer></script>`)
    .join('');
  const bodyClass = input.bodyClass ? ` class="${e(input.bodyClass)}"` : '';
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(input.title)} · Reconoce</title>
<meta name="description" content="${e(t.tagline)}">
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
${scripts}
</head>
<body${bodyClass}>
<a class="skip" href="#main">${e(t.skip)}</a>
<header class="top"><div class="bar"><a class="brand" href="/"><img src="/assets/icon.svg" alt="" width="28" height="28"><span>Reconoce</span></a>
<nav class="langs" aria-label="${e(t.language)}"><ul>${languageLinks(input)}</ul></nav></div>${input.nav ?? ''}</header>
<main id="main" tabindex="-1">
${input.main}
</main>
<footer class="site"><p>${e(t.footerAbout)}</p>
<ul><li><a href="/">${e(t.footerHome)}</a></li><li><a href="/portal">${e(t.footerPortal)}</a></li><li><a href="/stats">${e(t.footerStats)}</a></li><li><a href="/docs">${e(t.footerDocs)}</a></li></ul></footer>
</body>
</html>`;
}

/** An error page in the page language: what happened, and the way home. */
export function renderErrorPage(lang: Lang, message: string, path = '/'): string {
  const t = SITE_MESSAGES[lang];
  return renderPage({
    lang,
    title: t.errorTitle,
    path,
    main: `<div class="verdict bad" role="alert">${icon('bad')}<div><h1>${e(t.errorTitle)}</h1><p>${e(message)}</p></div></div>
<p><a class="button secondary" href="/">${e(t.errorHome)}</a></p>`,
  });
}
