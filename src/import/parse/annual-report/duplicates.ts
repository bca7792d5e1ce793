import type { ProjectRecord } from '../../../registry/project-record.js'
import { fold } from '../fields/fold.js'

const STOP = new Set([
  'och',
  'for',
  'i',
  'av',
  'med',
  'till',
  'the',
  'of',
  'and',
  'for',
  'in',
  'projekt',
  'project',
  'esf',
  'eruf',
])

function tokens(r: ProjectRecord): Set<string> {
  return new Set(
    fold(r.name)
      .split(' ')
      .filter((t) => t !== '' && !STOP.has(t)),
  )
}

function keys(r: ProjectRecord): string[] {
  const out = [fold(r.name).replace(/ /g, '')]
  if (r.acronym) {
    out.push(fold(r.acronym).replace(/ /g, ''))
  }
  return out
}

function overlaps(a: ProjectRecord, b: ProjectRecord): boolean {
  // Two reports of one project run at the same time; distinct projects of a series (Erasmus
  // accreditations 2023, 2024, 2025) share words but not periods.
  const ay = a.start?.slice(0, 4)
  const by = b.start?.slice(0, 4)
  return !ay || !by || Math.abs(Number(ay) - Number(by)) <= 1
}

/** True when two records of one document look like the same project. */
function sameProject(a: ProjectRecord, b: ProjectRecord): boolean {
  if (!overlaps(a, b)) {
    return false
  }
  const ka = keys(a)
  if (keys(b).some((k) => k.length >= 4 && ka.includes(k))) {
    return true
  }
  if (a.unit === b.unit) {
    return false
  }
  const ta = tokens(a)
  const tb = tokens(b)
  const small = ta.size <= tb.size ? ta : tb
  const large = ta.size <= tb.size ? tb : ta
  let shared = 0
  for (const t of small) {
    if (large.has(t)) {
      shared++
    }
  }
  return small.size >= 2 && shared / small.size >= 0.6
}

function describe(r: ProjectRecord, other: ProjectRecord): string {
  const by = r.unit && r.unit !== other.unit ? `by ${r.unit}` : 'again in this document'
  const as = r.name === other.name ? '' : ` as '${r.name}'`
  const diffs: string[] = []
  if (r.start !== other.start || r.end !== other.end) {
    diffs.push(`dates ${r.start ?? '?'}–${r.end ?? '?'}`)
  }
  if (r.role !== other.role && r.role) {
    diffs.push(`role ${r.role}`)
  }
  if (r.totalBudget?.amount !== other.totalBudget?.amount) {
    diffs.push(
      `total budget ${r.totalBudget ? `${r.totalBudget.amount} ${r.totalBudget.currency}` : 'not stated'}`,
    )
  }
  const how = diffs.length > 0 ? ` with ${diffs.join(', ')}` : ''
  return `same project reported ${by}${as} (line ${r.source.line})${how}`
}

/**
 * Points each record that another form of the same document also reports (the same project by two
 * committees, or twice by one) to the other one, with what the two disagree on.
 */
export function flagDuplicates(records: ProjectRecord[]): ProjectRecord[] {
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      const a = records[i]
      const b = records[j]
      if (a && b && sameProject(a, b)) {
        a.issues.push(describe(b, a))
        b.issues.push(describe(a, b))
      }
    }
  }
  return records
}
