import { joinLines } from './form.js'
import { squash } from './form-lines.js'

/** What the goal answer says, read into separate goals, with what was odd about it. */
export interface GoalsResult {
  readonly goals: string[]
  /** the number the answer puts before each goal ("4. En god organisation"), null where none */
  readonly numbers: (number | null)[]
  readonly issues: string[]
}

const PREFIX = /^(kommunfullmäktigemål|kf-mål|målområde|mål)\s*(\d{1,2}\s*)?[:\-–]\s*/i
const NUMBER = /^(\d{1,2})\s*[.)]\s*/

function tidy(part: string): string {
  let t = part.trim()
  for (let i = 0; i < 2; i++) {
    t = t.replace(PREFIX, '').replace(NUMBER, '').trim()
  }
  return t.replace(/[.;,:]+$/, '').trim()
}

function words(text: string): number {
  return text.split(' ').filter((w) => w !== '').length
}

/**
 * Reads the council-goal answer: numbered items ("1. En stad med goda uppväxtvillkor för barn och
 * unga; 4. En mer jämlik stad"), items separated by semicolons or by a comma before a capital, and
 * two goals written as one phrase ("… barn och unga och en god organisation"). Prefixes such as
 * "Målområde:" and the numbers are dropped; the goal's words are kept as written.
 */
export function readGoals(answer: string): GoalsResult {
  const text = squash(answer)
  if (text === '' || /^(-+|–|vet ej|saknas|inget|ingen)\.?$/i.test(text)) {
    return { goals: [], numbers: [], issues: [] }
  }
  const issues: string[] = []
  // A line that starts with a capital starts a goal (a Word cell's paragraphs); a wrapped
  // line goes on in lower case ("… för barn" / "och unga").
  let parts = answer
    .split(/\n(?=\p{Lu}|\d{1,2}\s*[.)]\s)/u)
    .map((p) => joinLines(p.split('\n').map(squash)))
    .flatMap((p) => p.split(/\s*;\s*/))
  parts = parts.flatMap((p) => p.split(/\s+(?=\d{1,2}\s*[.)]\s+\p{Lu})/u))
  parts = parts.flatMap((p) => p.split(/,\s+(?=\p{Lu}|en\s|ett\s)/u))
  parts = parts.flatMap((p) => {
    const m = /^(.+?)\s+och\s+(en\s.+)$/i.exec(p)
    if (m?.[1] && m[2] && words(m[1]) >= 3 && words(m[2]) >= 3) {
      issues.push(`two goals written as one phrase ('${excerpt(p)}')`)
      return [m[1], m[2]]
    }
    return [p]
  })
  const goals: string[] = []
  const numbers: (number | null)[] = []
  for (const part of parts) {
    const g = tidy(part)
    if (g === '' || !/\p{L}/u.test(g) || goals.includes(g)) {
      continue
    }
    const n = /^(?:\D{0,30}?[:\-–]\s*)?(\d{1,2})\s*[.)]\s/u.exec(part.trim())
    goals.push(g)
    numbers.push(n?.[1] ? Number(n[1]) : null)
  }
  return { goals, numbers, issues }
}

function excerpt(text: string): string {
  return text.length > 70 ? `…${text.slice(-60)}` : text
}
