import { fromStoredMoney } from '../../registry/money.js'
import type { ReportModel, ReportMoney } from '../model/report-model.js'

const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 })

/** A number as Swedish text ("55 587 902"). */
export function formatCount(n: number): string {
  return NUMBER.format(n)
}

/** Money as Swedish text in whole units ("55 587 902 kr"); "–" for none. */
export function formatMoney(m: ReportMoney | null): string {
  if (!m) {
    return '–'
  }
  const { amount, currency } = fromStoredMoney(m)
  return `${NUMBER.format(amount)} ${currency === 'SEK' ? 'kr' : currency}`
}

/** The report's title. */
export function reportTitle(model: ReportModel): string {
  return `Internationell redovisning ${model.year} – ${model.organisation}`
}

/** The opening summary sentence, as Malmö's report words it. */
export function summarySentence(model: ReportModel): string {
  const prev =
    model.projects.previousYear === null
      ? ''
      : ` jämfört med ${formatCount(model.projects.previousYear)} EU-projekt ${model.year - 1}`
  return (
    `Under ${model.year} medverkade ${model.organisation} i ${formatCount(model.projects.eu)} EU-projekt${prev}. ` +
    `${formatCount(model.units.length)} nämnder deltog i rollen som projektägare eller projektpartner. ` +
    `Ett projekt räknas en gång även när flera nämnder deltar. ` +
    `Sammanlagt betalades ${formatMoney(model.paidTotal)} ut under året, varav ${formatMoney(model.paidEu)} till EU-projekt.`
  )
}

/** The key figures, in order: label and value text. */
export function keyFigures(model: ReportModel): [string, string][] {
  return [
    ['EU-projekt', formatCount(model.projects.eu)],
    [
      `Förändring från ${model.year - 1}`,
      model.projects.change === null
        ? 'uppgift saknas'
        : `${model.projects.change > 0 ? '+' : ''}${formatCount(model.projects.change)}`,
    ],
    ['Projekt totalt (även utan EU-finansiering)', formatCount(model.projects.count)],
    ['Blanketter (nämndernas deltaganden)', formatCount(model.participations)],
    ['Deltagande nämnder', formatCount(model.units.length)],
    ['Utbetalt totalt', formatMoney(model.paidTotal)],
    ['Varav till EU-projekt', formatMoney(model.paidEu)],
  ]
}

/** Role as the Swedish form says it. */
export function roleText(role: 'lead' | 'partner' | null): string {
  return role === 'lead' ? 'Projektägare' : role === 'partner' ? 'Partner' : 'Uppgift saknas'
}

/** A project's period ("2023-09-01 – 2026-08-31"). */
export function periodText(start: string | null, end: string | null): string {
  if (!start && !end) {
    return 'Uppgift saknas'
  }
  return `${start ?? '?'} – ${end ?? '?'}`
}

/** Swedish labels of the reconciliation statuses. */
export const STATUS_TEXT = {
  equal: 'Stämmer',
  rounding: 'Avrundning',
  explained: 'Förklarad',
  'no-data': 'Underlag saknas',
  unmatched: 'Ej matchad',
  'not-reproducible': 'Går inte att återskapa',
} as const
