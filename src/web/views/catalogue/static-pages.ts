import { type Lang, t } from '../../i18n/messages.js'
import { type Html, html } from '../html.js'
import { catalogueLayout, href } from './layout.js'

/** The open-data page: downloads of everything and the DCAT-AP-SE descriptions. */
export function openDataPage(
  lang: Lang,
  here: string,
  tenants: ReadonlyArray<{ id: number; name: string }>,
): Html {
  const main = html`<h1>${t(lang, 'openData')}</h1>
<p class="lead">${t(lang, 'openDataIntro')}</p>
<ul class="link-list">
<li><a href="${href(lang, '/katalog/export.csv')}" download>${t(lang, 'downloadCsv')}</a></li>
<li><a href="${href(lang, '/katalog/export.xlsx')}" download>${t(lang, 'downloadXlsx')}</a></li>
<li><a href="${href(lang, '/katalog/export.json')}" download>${t(lang, 'downloadJson')}</a></li>
<li><a href="/api/openapi.json">${t(lang, 'apiDoc')}</a></li>
</ul>
${tenants.map(
  (o) => html`<h2>${o.name}</h2><ul class="link-list">
<li><a href="/katalog/dcat.rdf?tenant=${o.id}">${t(lang, 'dcatRdf')}</a></li>
<li><a href="/katalog/dcat.jsonld?tenant=${o.id}">${t(lang, 'dcatJsonLd')}</a></li></ul>`,
)}`
  return catalogueLayout({ lang, title: t(lang, 'openData'), here, section: 'open-data', main })
}

/**
 * Tillgänglighetsredogörelse: the statement the law on accessibility of digital public services
 * (2018:1937) asks for, in the structure DIGG's model follows.
 */
export function accessibilityPage(lang: Lang, here: string, publisher: string): Html {
  const main =
    lang === 'sv'
      ? html`<h1>${t(lang, 'a11yTitle')}</h1>
<p class="lead">${publisher} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem så att vi kan åtgärda dem.</p>
<h2>Hur tillgänglig är webbplatsen?</h2>
<p>Webbplatsen är utformad för att uppfylla WCAG 2.1 på nivå AA. Sidorna fungerar utan JavaScript, går att använda med enbart tangentbord, har en länk för att hoppa till innehållet och fungerar med skärmläsare. Alla diagram har en tabell med samma uppgifter och kan laddas ner; färg är aldrig det enda sättet att förmedla information.</p>
<h2>Kända brister</h2>
<ul>
<li>Uppgifterna om projekten kommer ur kommunernas egna dokument. Text som saknas eller är otydlig i källan kan vara otydlig även här.</li>
<li>Nedladdade Excel-filer följer keep.eus kolumner och har engelska rubriker.</li>
</ul>
<h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>
<p>Om du behöver innehåll i ett annat format kan du kontakta ${publisher}. Vi svarar inom två arbetsdagar.</p>
<h2>Rapportera brister</h2>
<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte beskrivs här, eller om du anser att vi inte uppfyller lagens krav, kontakta ${publisher} så att vi får veta att problemet finns.</p>
<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du <a href="https://www.digg.se/tdosanmalan">kontakta Digg och påtala det</a>.</p>
<h2>Hur vi testat webbplatsen</h2>
<p>Varje sidtyp testas automatiskt med axe-core i webbläsaren Chromium, med tangentbordet ensamt och i mobil och stor skärmbredd vid varje ändring av programvaran.</p>
<p><a href="${href(lang, '/katalog')}">${t(lang, 'backToSearch')}</a></p>`
      : html`<h1>${t(lang, 'a11yTitle')}</h1>
<p class="lead">${publisher} is responsible for this website. We want as many people as possible to be able to use it. This statement describes how the site meets the Swedish law on accessibility of digital public services, known gaps, and how to report problems.</p>
<h2>How accessible is this website?</h2>
<p>The site is designed to meet WCAG 2.1 level AA. Pages work without JavaScript and with the keyboard alone, have a skip link and work with screen readers. Every chart has a table with the same figures and a download; colour never carries information on its own.</p>
<h2>Known gaps</h2>
<ul>
<li>Project information comes from the municipalities' own documents; text that is unclear in the source may be unclear here too.</li>
<li>Excel downloads follow keep.eu's columns and have English headings.</li>
</ul>
<h2>Report a problem</h2>
<p>If you find a problem not described here, or need content in another format, contact ${publisher}. We answer within two working days.</p>
<h2>Supervision</h2>
<p>The Agency for Digital Government (Digg) supervises the law. If you are not satisfied with how we handle your feedback, you can <a href="https://www.digg.se/tdosanmalan">contact Digg</a>.</p>
<h2>How we tested the website</h2>
<p>Every page type is tested automatically with axe-core in Chromium, with the keyboard alone, and at phone and desktop widths on every change of the software.</p>
<p><a href="${href(lang, '/katalog')}">${t(lang, 'backToSearch')}</a></p>`
  return catalogueLayout({ lang, title: t(lang, 'a11yTitle'), here, section: 'accessibility', main })
}
