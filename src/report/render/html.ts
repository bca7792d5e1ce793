import type { ReportModel } from '../model/report-model.js'
export function renderHtml(_m: ReportModel): string {
  return ''
}
