import type {
  ApiTokenTable,
  AppUserTable,
  PasswordResetTable,
  UserRoleTable,
  UserSessionTable,
} from '../accounts/account.table.js'
import type { AuditEventTable } from '../registry/audit.table.js'
import type { CouncilGoalTable } from '../registry/council-goal.table.js'
import type { DataIssueTable } from '../registry/data-issue.table.js'
import type { ProvenanceTable, SourceDocumentTable } from '../registry/document.table.js'
import type { EventParticipantTable, ProjectEventTable } from '../registry/event.table.js'
import type { NetworkTable } from '../registry/network.table.js'
import type { OrganisationAliasTable, OrganisationTable, UnitTable } from '../registry/organisation.table.js'
import type {
  ContactTable,
  ParticipationGoalTable,
  ParticipationTable,
  PaymentTable,
} from '../registry/participation.table.js'
import type { ProgrammeAliasTable, ProgrammeTable } from '../registry/programme.table.js'
import type { ProjectExternalIdTable, ProjectTable } from '../registry/project.table.js'

/** Every table of the registry, as Kysely sees it: the one schema both engines share. */
export interface Database {
  organisation: OrganisationTable
  organisation_alias: OrganisationAliasTable
  unit: UnitTable
  programme: ProgrammeTable
  programme_alias: ProgrammeAliasTable
  project: ProjectTable
  project_external_id: ProjectExternalIdTable
  participation: ParticipationTable
  payment: PaymentTable
  participation_goal: ParticipationGoalTable
  contact: ContactTable
  council_goal: CouncilGoalTable
  project_event: ProjectEventTable
  event_participant: EventParticipantTable
  network: NetworkTable
  source_document: SourceDocumentTable
  provenance: ProvenanceTable
  data_issue: DataIssueTable
  audit_event: AuditEventTable
  app_user: AppUserTable
  user_role: UserRoleTable
  user_session: UserSessionTable
  api_token: ApiTokenTable
  password_reset: PasswordResetTable
}
