import type { ProjectStatus } from '../../../registry/project-record.js'
import { parseDate, parsePeriod } from '../fields/dates.js'
import type { Body } from './body.js'

/** A project block's period and status, from labels first, then from its sentences. */

const PERIOD_SENTENCE =
  /^(?:proje\p{L}*|förstudien|studien|the project)\s+(?:pågick|pågår|startade|startar|avslutades|avslutas|genomfördes|löper|löpte|beräknas|ran|runs|started|ended|lasted)\b/iu
const DATE_RANGE_LINE = /^\d{4}-?\d{2}-?\d{2}\s*(?:-|–|—|till|to)\s*\d{4}-?\d{2}-?\d{2}\.?$/

/** The project period: the period label, start/end labels, a period sentence, years in the title. */
export function readPeriod(
  body: Body,
  title: string | null,
  issues: string[],
): { start: string | null; end: string | null } {
  let start: string | null = null
  let end: string | null = null
  const take = (text: string): void => {
    const p = parsePeriod(text)
    if (p.start === null && p.end === null) {
      return
    }
    start ??= p.start
    end ??= p.end
    issues.push(...p.issues.filter((s) => !s.startsWith('period cannot be read')))
    if (/\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}/.test(text)) {
      issues.push(`project period written with a single hyphen between the two dates ('${text.trim()}')`)
    } else if (/\d--\d/.test(text)) {
      issues.push(`project period written with a double hyphen ('${text.trim()}')`)
    }
  }
  for (const l of body.labelled) {
    if (l.kind === 'period' && start === null && end === null) {
      take(l.value)
      if (l.leftEmpty && (start !== null || end !== null)) {
        issues.push(
          `'${l.label}:' left empty; the period is read from the line that follows ('${l.value.split('\n')[0]}')`,
        )
      }
    } else if (l.kind === 'start' && start === null) {
      const d = parseDate(l.value)
      start = d.value
      issues.push(...d.issues)
    } else if (l.kind === 'end' && end === null) {
      const d = parseDate(l.value)
      end = d.value
      issues.push(...d.issues)
    }
  }
  if (start === null && end === null) {
    for (const text of body.texts) {
      if ((PERIOD_SENTENCE.test(text) || DATE_RANGE_LINE.test(text)) && /\b(19|20)\d{2}/.test(text)) {
        take(text)
        if (start !== null || end !== null) {
          break
        }
      }
    }
  }
  if (start === null && end === null) {
    // "Leader Linné Småland (Leader-verksamhet år 2014-2023)", "Projektstöd …, år 2023–2027"
    for (const text of [title ?? '', ...body.texts]) {
      const m = /(?<![\p{L}])år\s+((?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2})\b/u.exec(text)
      if (m?.[1]) {
        take(m[1])
        break
      }
    }
  }
  if (start === null) {
    // "… genomföras med start 2018 och slut sommaren 2019"
    for (const text of body.texts) {
      const m =
        /\b(?:med start|startade|started|began)\s+(?:den |i |in |on )?([^,.;]{0,25}?(?:19|20)\d{2}(?:-\d{2}-\d{2})?)/iu.exec(
          text,
        )
      if (m?.[1]) {
        const d = parseDate(m[1])
        if (d.value !== null) {
          start = d.value
          break
        }
      }
    }
  }
  return { start, end }
}

/** "Status: Avslutat", "Status: Pågående", "Status: Completed". */
export function statusFromLabel(body: Body): ProjectStatus | null {
  for (const l of body.labelled) {
    if (l.kind !== 'status') {
      continue
    }
    if (/avslut|slutför|genomför|klar|complete|finish|closed|ended/i.test(l.value)) {
      return 'completed'
    }
    if (/pågå|aktiv|löpande|ongoing|running|active|current/i.test(l.value)) {
      return 'ongoing'
    }
  }
  return null
}

/** Status from a sentence such as "Projektet avslutades 2023-08-31" or "Projektet pågår …". */
export function statusFromText(texts: readonly string[]): ProjectStatus | null {
  for (const t of texts) {
    if (
      /\b(?:proje\p{L}*|förstudien)\s+(?:avslutades|är avslutat|har avslutats|var avslutat)\b|\bthe project (?:ended|was completed|has ended)\b/iu.test(
        t,
      )
    ) {
      return 'completed'
    }
    if (/\b(?:projektet|förstudien)\s+pågår\b|\bthe project (?:is ongoing|runs)\b/iu.test(t)) {
      return 'ongoing'
    }
  }
  return null
}
