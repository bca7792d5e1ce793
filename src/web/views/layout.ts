import { type Html, html, unsafeRaw } from './html.js'

/** What every page passes to the shared layout. */
export interface LayoutModel {
  /** the page's own title; the site name is appended */
  readonly title: string
  /** the page's content, placed inside the one <main> */
  readonly main: Html
}

// A fixed stylesheet written here, not user data: the one place this file needs the escape hatch.
const STYLE = unsafeRaw(`
:root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; color: #1b1b1b; background: #fff; }
.skip-link { position: absolute; left: -10000px; }
.skip-link:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; outline: 3px solid #0b5cad; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 1rem; }
header { border-bottom: 1px solid #ccc; }
header a { color: inherit; text-decoration: none; font-weight: 700; font-size: 1.25rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.demo { display: inline-block; font-size: .8rem; padding: 0 .4rem; border: 1px solid #8a5300; color: #8a5300; border-radius: .25rem; }
.notice { border-left: 4px solid #8a5300; padding: .5rem 1rem; background: #fff8eb; }
footer { color: #555; font-size: .9rem; border-top: 1px solid #ccc; }
`)

/**
 * The shared page frame: Swedish first (lang="sv"), a skip link to the one <main>, site header and footer.
 * @returns a complete HTML document
 */
export function layout(model: LayoutModel): Html {
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.title} – Projektatlas</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip-link" href="#main">Hoppa till innehållet</a>
<header><a href="/">Projektatlas</a></header>
<main id="main" tabindex="-1">
${model.main}
</main>
<footer><p>Projektatlas – register över EU-finansierade och internationella projekt. <a href="/api/openapi.json">API (OpenAPI)</a></p></footer>
</body>
</html>
`
}
