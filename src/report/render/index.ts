import type { ReportModel } from '../model/report-model.js'

/** The formats a report is rendered in. */
export type ReportFormat = 'html' | 'docx' | 'pdf' | 'json'

/** The formats, for option parsing. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'docx', 'pdf', 'json']

/** A rendered report: its bytes, media type and a file name suggestion. */
export interface RenderedReport {
  readonly body: Buffer
  readonly mediaType: string
  readonly fileName: string
}

const MEDIA: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
}

/** A file name for the report: "internationell-redovisning-malmo-stad-2025.pdf". */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  const slug = model.organisation
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `internationell-redovisning-${slug}-${model.year}.${format}`
}

/**
 * Renders the model in one format. Each renderer is imported only when used, so the JSON report
 * does not load the DOCX library or a browser.
 */
export async function renderReport(model: ReportModel, format: ReportFormat): Promise<RenderedReport> {
  const meta = { mediaType: MEDIA[format], fileName: reportFileName(model, format) }
  switch (format) {
    case 'json': {
      const { renderJson } = await import('./json.js')
      return { ...meta, body: Buffer.from(renderJson(model), 'utf8') }
    }
    case 'html': {
      const { renderHtml } = await import('./html.js')
      return { ...meta, body: Buffer.from(renderHtml(model), 'utf8') }
    }
    case 'docx': {
      const { renderDocx } = await import('./docx.js')
      return { ...meta, body: await renderDocx(model) }
    }
    case 'pdf': {
      const { renderPdf } = await import('./pdf.js')
      return { ...meta, body: await renderPdf(model) }
    }
  }
}
