// Reads PDFs with pdf.js in a worker thread, one request at a time, for src/import/extract/pdf.ts.
// pdf.js leaves promises it never awaits: Catalog.getPageDict prefetches every top-level page and
// a damaged one nobody asks for rejects unhandled, which would end the importing process. Here
// such a rejection is dropped (the pages read await their own), and a file that spins or swells
// ends this thread, not the server. Plain JavaScript, so it loads without the TypeScript loader.
import { parentPort } from 'node:worker_threads'

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')

process.on('unhandledRejection', () => {})

/** The text items of each page with the page's box, as plain data. */
async function readPages(bytes) {
  const doc = await pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  }).promise
  try {
    const pages = []
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p)
      const content = await page.getTextContent()
      const items = []
      for (const item of content.items) {
        if ('str' in item && item.str.trim() !== '') {
          items.push({ str: item.str, transform: item.transform, width: item.width, height: item.height })
        }
      }
      pages.push({ view: page.view, items })
      page.cleanup()
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

parentPort.on('message', async ({ id, bytes }) => {
  try {
    parentPort.postMessage({ id, pages: await readPages(bytes) })
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message } : { name: '', message: String(e) }
    parentPort.postMessage({ id, error })
  }
})
