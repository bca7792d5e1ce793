import { parseMoney } from '../../import/parse/fields/money.js'

/** Where a unit stands in a reporting round. */
export type UnitStatus = 'not_started' | 'draft' | 'submitted' | 'returned' | 'approved'

/** Swedish labels of the statuses. */
export const STATUS_LABEL: Readonly<Record<UnitStatus, string>> = {
  not_started: 'Inte påbörjad',
  draft: 'Utkast',
  submitted: 'Inskickad',
  returned: 'Återsänd',
  approved: 'Godkänd',
}

/** Malmö's two part 1 questions: the default of a new round (editable). */
export const DEFAULT_QUESTIONS: readonly string[] = [
  'Redogör kortfattat för det internationella arbetet på förvaltningen under året, såsom engagemang i internationella nätverk, erfarenhetsutbyten, studiebesök och personella resurser till förvaltningens internationella arbete.',
  'Beskriv kortfattat vilka kvalitativa resultat och nya erfarenheter som har uppnåtts i det internationella arbetet. Hur bidrar dessa till förvaltningens verksamhetsutveckling?',
]

/** What moves a unit from one status to another, and who may. */
export type RoundAction = 'save' | 'submit' | 'return' | 'approve'

const NEXT: Readonly<Record<RoundAction, { from: readonly UnitStatus[]; to: UnitStatus }>> = {
  save: { from: ['not_started', 'draft', 'returned'], to: 'draft' },
  submit: { from: ['not_started', 'draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
}

/** The status an action leads to, or null when the action is not allowed from `status`. */
export function nextStatus(status: UnitStatus, action: RoundAction): UnitStatus | null {
  const rule = NEXT[action]
  return rule.from.includes(status) ? rule.to : null
}

/** An editor's answer for one participation, as typed. */
export interface EntryAnswer {
  readonly participationId: number
  /** the amount paid out this year as typed ("1 234 567 kr"); empty for not stated */
  readonly paidText: string
  readonly goalIds: readonly number[]
  readonly description: string
}

/** What the validation knows about a participation besides the answer. */
export interface EntryContext {
  readonly participationId: number
  readonly projectId: number
  readonly projectName: string
  readonly role: 'lead' | 'partner' | null
  /** which budget box is filled on the registry's record, if any */
  readonly budgetBox: 'owner' | 'partner' | null
  readonly start: string | null
  readonly end: string | null
  /** other units of the tenant that report the same project in this round */
  readonly otherUnits: readonly string[]
}

/** A finding of the submit validation: errors block the submit, notices point something out. */
export interface RoundFinding {
  readonly severity: 'error' | 'notice'
  readonly participationId: number | null
  readonly message: string
}

/** An amount as typed, read as whole units; null when empty, 'unreadable' when it cannot be read. */
export function readAmount(text: string): number | null | 'unreadable' {
  const t = text.trim()
  if (t === '' || t === '-' || t === '–') {
    return null
  }
  const m = parseMoney(/\d/.test(t) && !/[a-zA-Zk]/.test(t) ? `${t} kr` : t)
  if (!m.value || m.value.amount < 0) {
    return 'unreadable'
  }
  return m.value.amount
}

/**
 * Checks a unit's answers before submitting: amounts readable, role and budget box consistent,
 * dates in order, and the same project reported by another unit pointed out (it is one project
 * with two participations, not two projects). Pure.
 */
export function validateSubmission(
  answers: readonly EntryAnswer[],
  contexts: readonly EntryContext[],
  narratives: readonly string[],
): RoundFinding[] {
  const findings: RoundFinding[] = []
  const byId = new Map(contexts.map((c) => [c.participationId, c]))
  for (const a of answers) {
    const c = byId.get(a.participationId)
    if (!c) {
      findings.push({ severity: 'error', participationId: a.participationId, message: 'Okänt deltagande.' })
      continue
    }
    const amount = readAmount(a.paidText)
    if (amount === 'unreadable') {
      findings.push({
        severity: 'error',
        participationId: c.participationId,
        message: `${c.projectName}: beloppet "${a.paidText}" går inte att läsa; skriv t.ex. 1 234 567.`,
      })
    } else if (amount === null) {
      findings.push({
        severity: 'error',
        participationId: c.participationId,
        message: `${c.projectName}: ange utbetalt belopp för året (0 om inget betalades ut).`,
      })
    }
    if (c.role && c.budgetBox && (c.role === 'lead') !== (c.budgetBox === 'owner')) {
      findings.push({
        severity: 'error',
        participationId: c.participationId,
        message: `${c.projectName}: rollen är ${c.role === 'lead' ? 'projektägare' : 'partner'} men budgeten står i rutan för ${c.budgetBox === 'owner' ? 'projektägare' : 'partner'}.`,
      })
    }
    if (c.start && c.end && c.start.slice(0, c.end.length) > c.end.slice(0, c.start.length)) {
      findings.push({
        severity: 'error',
        participationId: c.participationId,
        message: `${c.projectName}: projektet slutar (${c.end}) före start (${c.start}).`,
      })
    }
    if (c.otherUnits.length > 0) {
      findings.push({
        severity: 'notice',
        participationId: c.participationId,
        message: `${c.projectName} rapporteras även av ${c.otherUnits.join(', ')}: det är ett projekt med flera deltagande nämnder och räknas en gång.`,
      })
    }
  }
  narratives.forEach((n, i) => {
    if (n.trim() === '') {
      findings.push({ severity: 'error', participationId: null, message: `Besvara fråga ${i + 1} i del 1.` })
    }
  })
  return findings
}
