import type { ProjectRecord } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'

// Words that say nothing about which project a name means ('för' folds to 'for').
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
interface Facts {
  readonly r: ProjectRecord
  readonly keys: string[]
  readonly tokens: Set<string>
}

function sameProject(a: Facts, b: Facts): boolean {
  if (!overlaps(a.r, b.r)) {
    return false
  }
  if (b.keys.some((k) => k.length >= 4 && a.keys.includes(k))) {
    return true
  }
  if (a.r.unit === b.r.unit) {
    return false
  }
  const ta = a.tokens
  const tb = b.tokens
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
  const facts = records.map((r) => ({ r, keys: keys(r), tokens: tokens(r) }))
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      const a = facts[i]
      const b = facts[j]
      if (a && b && sameProject(a, b)) {
        a.r.issues.push(describe(b.r, a.r))
        b.r.issues.push(describe(a.r, b.r))
      }
    }
  }
  flagSamePaidAmount(records)
  return records
}

/** Two different projects with the same paid-out amount to the krona: one was likely copied. */
function flagSamePaidAmount(records: readonly ProjectRecord[]): void {
  const seen = new Map<string, ProjectRecord>()
  for (const r of records) {
    const p = r.paidInYear
    if (!p || p.amount < 10000) {
      continue
    }
    const key = `${p.amount} ${p.currency}`
    const other = seen.get(key)
    if (other && !other.issues.some((i) => i.startsWith('same project'))) {
      other.issues.push(
        `paid amount identical to another project's (${r.name}, line ${r.source.line}: ${key})`,
      )
      r.issues.push(
        `paid amount identical to another project's (${other.name}, line ${other.source.line}: ${key})`,
      )
    }
    seen.set(key, r)
  }
}
