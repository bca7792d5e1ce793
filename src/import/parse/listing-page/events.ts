/**
 * Events reported inside a project block ("Event 3: Catoira, Spain …" followed by "The event
 * involved 79 citizens, including 11 participants from … (Sweden), 7 participants from …"): the
 * participants per country must add up to the stated total, and so must the national and
 * international figures.
 */

const EVENT_HEAD = /^(?:event|evenemang|aktivitet|activity|konferens|conference|möte|meeting)\s*(\d+)\b/i
const INVOLVED =
  /\binvolved\s+(\d+)\s+(?:citizens|participants|persons|people)\b|\b(?:samlade|deltog)\s+(\d+)\s+(?:deltagare|personer)\b/i
const PART = /\b(\d+|[xX]{1,3}|\?+)\s+(?:participants|deltagare|personer|representatives)\b/g
const NATIONAL =
  /\b(?:whereof|where of|varav)\s+(\d+)\s+(?:national|nationella)\s+(?:and|och)\s+(\d+)\s+(?:international|internationella)\b/i

/**
 * Issues for the event figures in a block's lines, one per event whose figures do not add up or
 * cannot be read.
 */
export function eventIssues(texts: readonly string[]): string[] {
  const issues: string[] = []
  let event: string | null = null
  for (const text of texts) {
    const head = EVENT_HEAD.exec(text)
    if (head?.[1]) {
      event = head[1]
      continue
    }
    const inv = INVOLVED.exec(text)
    const totalText = inv?.[1] ?? inv?.[2]
    if (!totalText) {
      continue
    }
    const total = Number(totalText)
    const label = event !== null ? `event ${event}` : 'an event'
    // parts come after the total: "involved 86 citizens, including 60 participants from …"
    const after = text.slice((inv?.index ?? 0) + (inv?.[0].length ?? 0))
    const parts = [...after.matchAll(PART)].map((m) => m[1] ?? '')
    const unreadable = parts.filter((p) => !/^\d+$/.test(p))
    if (unreadable.length > 0) {
      issues.push(`${label}: participant figure '${unreadable[0]} participants' cannot be read`)
    }
    const known = parts.filter((p) => /^\d+$/.test(p)).map(Number)
    const sum = known.reduce((a, b) => a + b, 0)
    if (known.length > 1 && unreadable.length === 0 && sum !== total) {
      issues.push(`${label}: participants per country add up to ${sum}, not the stated total ${total}`)
    }
    const nat = NATIONAL.exec(text)
    if (nat?.[1] && nat[2]) {
      const n = Number(nat[1]) + Number(nat[2])
      if (n !== total) {
        issues.push(
          `${label}: ${nat[1]} national and ${nat[2]} international participants make ${n}, not the stated total ${total}`,
        )
      }
    }
  }
  return issues
}
