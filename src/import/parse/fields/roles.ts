import type { Role } from '../../../registry/project-record.js'
import { fold } from '../../../shared/fold.js'

/**
 * The reporting organisation's role in a project, as sources word it: lead = project owner /
 * lead partner / coordinator / the beneficiary that runs it; partner otherwise.
 */

const LEAD_WORDS = [
  'projektägare',
  'projektägaren',
  'projektagare',
  'lead partner',
  'leadpartner',
  'lead beneficiary',
  'ledande partner',
  'huvudpartner',
  'huvudansvarig',
  'huvudansvariga',
  'huvudsökande',
  'stödmottagare',
  'koordinator',
  'koordinatorn',
  'coordinator',
  'samordnare',
  'project owner',
  'project leader',
  'projektledande organisation',
  'lead',
  'lp',
].map(fold)

const PARTNER_WORDS = [
  'projektpartner',
  'projektpartnern',
  'partner',
  'partners',
  'samarbetspartner',
  'medverkande',
  'deltagare',
  'participant',
  'project partner',
  'associerad partner',
  'associated partner',
  'pp',
].map(fold)

/**
 * Reads a role answer such as a form's "Projektägare" / "Projektpartner", or a label such as
 * "Lead Partner". A text naming both (the form's question "projektägare eller projektpartner")
 * gives null.
 * @example parseRole('Projektägare') // 'lead'
 */
export function parseRole(text: string): Role | null {
  const t = ` ${fold(text)} `
  const lead = LEAD_WORDS.some((w) => t.includes(` ${w} `))
  const partner = PARTNER_WORDS.some((w) => t.includes(` ${w} `))
  if (lead && partner) {
    // "lead partner" holds 'partner' too; only a text with a separate partner word is ambiguous.
    const withoutLead = LEAD_WORDS.reduce((acc, w) => acc.replaceAll(` ${w} `, ' '), t)
    return PARTNER_WORDS.some((w) => withoutLead.includes(` ${w} `)) ? null : 'lead'
  }
  if (lead) {
    return 'lead'
  }
  return partner ? 'partner' : null
}

/** Verbs and phrases that make the sentence's subject the project's lead. */
const LEAD_STATEMENTS = [
  'koordinerar',
  'samordnar',
  'leder',
  'driver',
  'äger',
  'är projektägare',
  'är projektägare för',
  'är lead partner',
  'är leadpartner',
  'är ledande partner',
  'är huvudansvarig',
  'är koordinator',
  'är stödmottagare',
  'har sökt och fått',
  'har beviljats',
  'beviljades',
  'blev beviljade',
  'blev beviljad',
  'is managing',
  'is leading',
  'leads',
  'coordinates',
  'is the lead partner',
  'is lead partner',
  'is the coordinator',
  'is coordinator',
  'is the project owner',
]

const PARTNER_STATEMENTS = [
  'deltar',
  'medverkar',
  'ingår',
  'är partner',
  'är projektpartner',
  'är en av partnerna',
  'participates',
  'is a partner',
  'is partner',
  'takes part',
]

/**
 * The role a sentence gives an organisation: "Region Skåne koordinerar GREAT" → lead,
 * "Region Skåne deltar i …" → partner, "Lead partner: Hässleholm Municipality" (organisation named
 * as lead) → lead. Matches the organisation by its folded name at a word boundary.
 * @param text the prose to look in
 * @param organisation the reporting organisation ("Region Skåne")
 * @returns null when the text says nothing about the organisation's role
 */
export function roleFromStatement(text: string, organisation: string): Role | null {
  const org = fold(organisation)
  if (org === '') {
    return null
  }
  const t = ` ${fold(text)} `
  const leadLabel =
    /(?:lead partner|leadpartner|ledande partner|projektägare|koordinator|coordinator|huvudansvarig)\s*:?\s*$/iu
  const parts = t.split(` ${org} `)
  for (let i = 1; i < parts.length; i++) {
    const before = parts[i - 1] ?? ''
    const after = ` ${parts[i] ?? ''}`
    if (leadLabel.test(before.trimEnd())) {
      return 'lead'
    }
    if (LEAD_STATEMENTS.some((s) => after.startsWith(` ${fold(s)} `))) {
      return 'lead'
    }
    if (PARTNER_STATEMENTS.some((s) => after.startsWith(` ${fold(s)} `))) {
      return 'partner'
    }
  }
  return null
}
