import type { ReportModel } from '../model/report-model.js'
import { renderHtml } from './html.js'

/** Where Debian installs Chromium (apt-get install chromium). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/** Options of the PDF renderer. */
export interface PdfOptions {
  /** the Chromium (or Chrome) executable; default Debian's */
  readonly executablePath?: string
}

/**
 * The report as PDF: the HTML report printed by headless Chromium with its print CSS. The PDF is
 * tagged (structure tree with headings, tables with header cells, paragraphs, `/Lang sv`), carries
 * the document title, and has an outline of the headings, so it is accessible on its own.
 */
export async function renderPdf(model: ReportModel, options: PdfOptions = {}): Promise<Buffer> {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? DEFAULT_CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--export-tagged-pdf',
    ],
  })
  try {
    const page = await browser.newPage({ locale: 'sv-SE', javaScriptEnabled: false })
    // The document is self-contained (inline CSS and SVG): nothing is fetched.
    await page.route('**/*', (route) => route.abort())
    await page.setContent(renderHtml(model), { waitUntil: 'load' })
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8pt;width:100%;text-align:center;color:#333"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    })
    return Buffer.from(pdf)
  } finally {
    await browser.close()
  }
}
