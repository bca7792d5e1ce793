import { type Lang, t } from '../../i18n/messages.js'
import { type Html, html } from '../html.js'

/** What every catalogue page gives the shared frame. */
export interface PageFrame {
  readonly lang: Lang
  /** the page's own title; the site name is appended */
  readonly title: string
  /** the current path and query, for the language switch (the switch keeps the page and its query) */
  readonly here: string
  /** which main-menu entry is current */
  readonly section: 'catalogue' | 'statistics' | 'open-data' | 'accessibility' | 'none'
  readonly main: Html
}

/**
 * `path` with `params` as its query, `lang=en` added for English; empty values are left out.
 * @example href('en', '/katalog', { q: 'skola' }) // "/katalog?q=skola&lang=en"
 */
export function href(
  lang: Lang,
  path: string,
  params: ReadonlyArray<readonly [string, string | number | null | undefined]> = [],
): string {
  const q = new URLSearchParams()
  for (const [k, v] of params) {
    if (v !== null && v !== undefined && v !== '') {
      q.append(k, String(v))
    }
  }
  if (lang === 'en') {
    q.set('lang', 'en')
  }
  const s = q.toString()
  return s ? `${path}?${s}` : path
}

/** The same address in the other language. */
function switched(here: string, lang: Lang): string {
  const url = new URL(here, 'http://x')
  if (lang === 'en') {
    url.searchParams.delete('lang')
  } else {
    url.searchParams.set('lang', 'en')
  }
  return url.pathname + url.search
}

/**
 * The catalogue's page frame: lang attribute, a skip link, header with main menu and language
 * switch, the one <main>, and a footer. Styles come from /static/catalogue.css (no inline style or
 * script, so a strict Content-Security-Policy holds).
 */
export function catalogueLayout(p: PageFrame): Html {
  const { lang } = p
  const other: Lang = lang === 'sv' ? 'en' : 'sv'
  const item = (section: PageFrame['section'], path: string, label: string) =>
    html`<li><a href="${href(lang, path)}"${p.section === section ? html` aria-current="page"` : ''}>${label}</a></li>`
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title} – ${t(lang, 'site')}</title>
<link rel="stylesheet" href="/static/catalogue.css">
<link rel="alternate" hreflang="${other}" href="${switched(p.here, lang)}">
</head>
<body>
<a class="skip-link" href="#main">${t(lang, 'skip')}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="${href(lang, '/katalog')}"><span class="brand-mark" aria-hidden="true"></span><span>${t(lang, 'site')}<small>${t(lang, 'tagline')}</small></span></a>
    <a class="lang-switch" href="${switched(p.here, lang)}" lang="${other}" hreflang="${other}">${t(lang, 'langSwitch')}</a>
  </div>
  <nav class="wrap main-nav" aria-label="${t(lang, 'nav')}">
    <ul>
      ${item('catalogue', '/katalog', t(lang, 'navCatalogue'))}
      ${item('statistics', '/katalog/statistik', t(lang, 'navStatistics'))}
      ${item('open-data', '/katalog/oppna-data', t(lang, 'navOpenData'))}
      ${item('accessibility', '/tillganglighet', t(lang, 'navAccessibility'))}
    </ul>
  </nav>
</header>
<main id="main" class="wrap" tabindex="-1">
${p.main}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${t(lang, 'footerText')}</p>
    <p><a href="${href(lang, '/tillganglighet')}">${t(lang, 'a11yTitle')}</a> · <a href="${href(lang, '/katalog/oppna-data')}">${t(lang, 'openData')}</a> · <a href="/api/openapi.json">${t(lang, 'apiDoc')}</a></p>
  </div>
</footer>
</body>
</html>
`
}
