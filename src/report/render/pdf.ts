import type { ReportModel } from '../model/report-model.js'

/** Placeholder until the renderer lands. */
export async function renderPdf(_m: ReportModel): Promise<Buffer> {
  throw new Error('not yet')
}
