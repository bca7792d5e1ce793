import { Argument, Command, CommanderError, Option } from 'commander'
import type { AuditOptions } from './commands/audit.js'
import type { DataIssuesOptions } from './commands/data-issues.js'
import type { ExportOptions } from './commands/export.js'
import type { MergeOptions } from './commands/merge.js'
import type { OrganisationsOptions } from './commands/organisations.js'
import type { PersonalDataOptions } from './commands/personal-data.js'
import type { ProjectsOptions } from './commands/projects.js'
import type { ReportOptions } from './commands/report.js'
import type { CurationOptions, ReviewOptions } from './commands/review.js'
import type { ServeOptions } from './commands/serve.js'
import type { UserAction, UserOptions } from './commands/user.js'
import type { CliIO } from './io.js'

/** A parsed command line: which command runs, with which arguments and options. */
export type Invocation =
  | { readonly command: 'migrate' }
  | { readonly command: 'serve'; readonly options: ServeOptions }
  | { readonly command: 'extract'; readonly files: string[]; readonly options: { format: 'json' | 'jsonl' } }
  | { readonly command: 'import'; readonly files: string[]; readonly options: { organisation?: string } }
  | { readonly command: 'projects'; readonly id: string | undefined; readonly options: ProjectsOptions }
  | { readonly command: 'organisations'; readonly options: OrganisationsOptions }
  | { readonly command: 'export'; readonly options: ExportOptions }
  | { readonly command: 'report'; readonly options: ReportOptions }
  | { readonly command: 'backup'; readonly file: string }
  | { readonly command: 'restore'; readonly file: string }
  | { readonly command: 'user'; readonly options: UserOptions }
  | { readonly command: 'audit'; readonly options: AuditOptions }
  | { readonly command: 'personal-data'; readonly options: PersonalDataOptions }
  | {
      readonly command: 'review'
      readonly action: 'list' | 'accept' | 'reject'
      readonly id: string | undefined
      readonly options: ReviewOptions
    }
  | {
      readonly command: 'merge'
      readonly kept: string
      readonly merged: string
      readonly options: MergeOptions
    }
  | { readonly command: 'split'; readonly mergeId: string | undefined; readonly options: CurationOptions }
  | {
      readonly command: 'data-issues'
      readonly action: 'list' | 'resolve'
      readonly id: string | undefined
      readonly options: DataIssuesOptions
    }

/** Runs one command; tests pass a recorder instead of `runCommand`. */
export type Execute = (invocation: Invocation, io: CliIO) => Promise<number>

/**
 * Runs a parsed command. Each command's code is imported only when it runs, so `projektatlas
 * extract` does not pay for the web server's start-up.
 */
export async function runCommand(invocation: Invocation, io: CliIO): Promise<number> {
  switch (invocation.command) {
    case 'migrate': {
      const { migrate } = await import('./commands/migrate.js')
      return migrate(io)
    }
    case 'serve': {
      const { serve } = await import('./commands/serve.js')
      return serve(invocation.options, io)
    }
    case 'extract': {
      const { extract } = await import('./commands/extract.js')
      return extract(invocation.files, invocation.options, io)
    }
    case 'import': {
      const { importFiles } = await import('./commands/import.js')
      return importFiles(invocation.files, invocation.options, io)
    }
    case 'projects': {
      const { projects } = await import('./commands/projects.js')
      return projects(invocation.id, invocation.options, io)
    }
    case 'organisations': {
      const { organisations } = await import('./commands/organisations.js')
      return organisations(invocation.options, io)
    }
    case 'export': {
      const { exportProjects } = await import('./commands/export.js')
      return exportProjects(invocation.options, io)
    }
    case 'report': {
      const { report } = await import('./commands/report.js')
      return report(invocation.options, io)
    }
    case 'backup': {
      const { backup } = await import('./commands/backup.js')
      return backup(invocation.file, io)
    }
    case 'restore': {
      const { restore } = await import('./commands/backup.js')
      return restore(invocation.file, io)
    }
    case 'user': {
      const { user } = await import('./commands/user.js')
      return user(invocation.options, io)
    }
    case 'audit': {
      const { audit } = await import('./commands/audit.js')
      return audit(invocation.options, io)
    }
    case 'personal-data': {
      const { personalData } = await import('./commands/personal-data.js')
      return personalData(invocation.options, io)
    }
    case 'review': {
      const { review } = await import('./commands/review.js')
      return review(invocation.action, invocation.id, invocation.options, io)
    }
    case 'merge': {
      const { merge } = await import('./commands/merge.js')
      return merge(invocation.kept, invocation.merged, invocation.options, io)
    }
    case 'split': {
      const { split } = await import('./commands/split.js')
      return split(invocation.mergeId, invocation.options, io)
    }
    case 'data-issues': {
      const { dataIssues } = await import('./commands/data-issues.js')
      return dataIssues(invocation.action, invocation.id, invocation.options, io)
    }
  }
}

/**
 * Declares every command and its options, parses `argv` and runs the command through `execute`.
 * Usage errors print one line (and a hint) to stderr and resolve to exit code 2.
 * Resolves to the process exit code; expected failures are thrown as AppError for main.ts to map.
 */
export async function runCli(
  argv: readonly string[],
  io: CliIO,
  execute: Execute = runCommand,
): Promise<number> {
  let exitCode = 0
  const run = async (invocation: Invocation) => {
    exitCode = await execute(invocation, io)
  }
  const program = new Command('projektatlas')
    .description('Projektatlas: a registry of EU-funded and international projects')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(() => run({ command: 'migrate' }))

  program
    .command('serve')
    .description('start the web server and JSON API')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--demo', 'load a small, clearly marked demo portfolio when the database is empty')
    .option(
      '--workers <n>',
      'server processes sharing the port: a number, or "auto" for one per CPU (default 1)',
    )
    .action((options: ServeOptions) => run({ command: 'serve', options }))

  program
    .command('extract')
    .description('read documents and print their project records (nothing is stored)')
    .argument('<files...>', 'documents or folders: .txt, .html, .pdf, .docx')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl']).default('json'))
    .action((files: string[], options: { format: 'json' | 'jsonl' }) =>
      run({ command: 'extract', files, options }),
    )

  program
    .command('import')
    .description('read documents and store their records with provenance')
    .argument('<files...>', 'documents or folders')
    .option('--organisation <name>', 'the organisation whose documents these are')
    .action((files: string[], options: { organisation?: string }) =>
      run({ command: 'import', files, options }),
    )

  program
    .command('projects')
    .description('list projects, or show one')
    .argument('[id]', 'a project id to show')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--tenant <id>', "only this organisation's portfolio (default: all)")
    .action((id: string | undefined, options: ProjectsOptions) => run({ command: 'projects', id, options }))

  program
    .command('organisations')
    .description('list organisations')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: OrganisationsOptions) => run({ command: 'organisations', options }))

  program
    .command('export')
    .description('write every project as open data')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl']).default('json'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--tenant <id>', "only this organisation's portfolio (default: all)")
    .action((options: ExportOptions) => run({ command: 'export', options }))

  program
    .command('report')
    .description("write an organisation's yearly international report")
    .requiredOption('--organisation <name>', 'the organisation whose report it is')
    .requiredOption('--year <year>', 'the reporting year')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['html', 'docx', 'pdf', 'json'])
        .default('html'),
    )
    .option('--out <file>', 'write to this file instead of standard output (required for docx and pdf)')
    .action((options: ReportOptions) => run({ command: 'report', options }))

  program
    .command('backup')
    .description('copy the SQLite database safely, even while the server runs')
    .argument('<file>', 'where to write the copy')
    .action((file: string) => run({ command: 'backup', file }))

  program
    .command('restore')
    .description('replace the SQLite database with a backup (stop the server first)')
    .argument('<file>', 'the backup to restore')
    .action((file: string) => run({ command: 'restore', file }))

  const userCommand = program.command('user').description('manage accounts and their roles per tenant')
  const userAction =
    (action: UserAction) => (email: string | undefined, options: Omit<UserOptions, 'action'>) =>
      run({ command: 'user', options: { ...options, action, ...(email !== undefined && { email }) } })
  const roleChoice = new Option('--role <role>', 'admin, coordinator, editor or viewer').choices([
    'admin',
    'coordinator',
    'editor',
    'viewer',
  ])
  userCommand
    .command('add')
    .description(
      'add a user (optionally with a role in a tenant) and print a one-time link to set a password',
    )
    .argument('<email>')
    .option('--tenant <id>', 'tenant organisation id')
    .addOption(roleChoice)
    .option('--unit <id>', 'limit the role to one unit')
    .option('--name <name>', 'display name')
    .action(userAction('add'))
  userCommand
    .command('list')
    .description('list users and their roles')
    .option('--tenant <id>', "only this tenant's users")
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: Omit<UserOptions, 'action'>) =>
      run({ command: 'user', options: { ...options, action: 'list' } }),
    )
  userCommand
    .command('role')
    .description("set a user's role in a tenant ('none' removes it)")
    .argument('<email>')
    .requiredOption('--tenant <id>', 'tenant organisation id')
    .addOption(
      new Option('--role <role>', 'the new role')
        .choices(['admin', 'coordinator', 'editor', 'viewer', 'none'])
        .makeOptionMandatory(),
    )
    .option('--unit <id>', 'limit the role to one unit')
    .action(userAction('role'))
  userCommand
    .command('disable')
    .description('disable a user: ends every session and token')
    .argument('<email>')
    .action(userAction('disable'))
  userCommand
    .command('enable')
    .description('enable a disabled user again')
    .argument('<email>')
    .action(userAction('enable'))
  userCommand
    .command('reset-password')
    .description('print a one-time link (valid one hour) to set a new password')
    .argument('<email>')
    .action(userAction('reset-password'))

  program
    .command('audit')
    .description('list audit events, newest first')
    .option('--tenant <id>', "only this tenant's events (default: all)")
    .option('--entity <entity>', 'project, participation, contact, user, …')
    .option('--entity-id <id>', 'one record')
    .option('--actor <actor>', 'who made the change (e-mail, cli, import, …)')
    .addOption(
      new Option('--action <action>', 'kind of change').choices([
        'create',
        'update',
        'delete',
        'erase',
        'import',
      ]),
    )
    .option('--since <date>', 'from this date or instant')
    .option('--until <date>', 'before this date or instant')
    .option('--limit <n>', 'at most this many events (default 100)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: AuditOptions) => run({ command: 'audit', options }))

  const tenantOption = () =>
    new Option('--tenant <id>', 'the portfolio (may be left out when there is only one)')
  const formatOption = () =>
    new Option('--format <format>', 'output format').choices(['table', 'json']).default('table')
  program
    .command('review')
    .description('the review queue of likely duplicate projects: list, accept (merge) or reject')
    .addArgument(new Argument('[action]', 'what to do').choices(['list', 'accept', 'reject']).default('list'))
    .argument('[id]', 'the candidate (accept, reject)')
    .addOption(tenantOption())
    .addOption(
      new Option('--status <status>', 'list these').choices(['open', 'accepted', 'rejected', 'auto']),
    )
    .addOption(formatOption())
    .action((action: 'list' | 'accept' | 'reject', id: string | undefined, options: ReviewOptions) =>
      run({ command: 'review', action, id, options }),
    )
  program
    .command('merge')
    .description('make two projects one, keeping every participation, payment, contact and source link')
    .argument('<kept>', 'id of the project that stays')
    .argument('<merged>', 'id of the project merged into it')
    .addOption(tenantOption())
    .option('--note <text>', 'why, for the history')
    .option('--organisations', 'the ids are organisations (their participations in every portfolio move)')
    .addOption(formatOption())
    .action((kept: string, merged: string, options: MergeOptions) =>
      run({ command: 'merge', kept, merged, options }),
    )
  program
    .command('split')
    .description('undo a merge (the merged project comes back exactly as it was); without an id, list merges')
    .argument('[merge-id]', 'the merge to undo')
    .addOption(tenantOption())
    .addOption(formatOption())
    .action((mergeId: string | undefined, options: CurationOptions) =>
      run({ command: 'split', mergeId, options }),
    )
  program
    .command('data-issues')
    .description('the data-issue work queue: list (filter by kind, unit, document) or resolve')
    .addArgument(new Argument('[action]', 'what to do').choices(['list', 'resolve']).default('list'))
    .argument('[id]', 'the issue (resolve)')
    .addOption(tenantOption())
    .addOption(new Option('--status <status>', 'open (default) or resolved').choices(['open', 'resolved']))
    .addOption(
      new Option('--kind <kind>', 'kind of problem').choices([
        'source',
        'date',
        'amount',
        'budget',
        'programme',
        'duplicate',
        'missing',
        'other',
      ]),
    )
    .option('--unit <id>', "issues on this unit's records")
    .option('--document <id>', 'issues on records this document gave values to')
    .option('--source-right', 'resolve: the source is right, the value stands')
    .option('--field <field>', 'resolve: the field to correct')
    .option('--value <value>', 'resolve: the corrected value (empty clears it)')
    .option('--note <text>', 'resolve: a note for the history')
    .addOption(formatOption())
    .action((action: 'list' | 'resolve', id: string | undefined, options: DataIssuesOptions) =>
      run({ command: 'data-issues', action, id, options }),
    )

  program
    .command('personal-data')
    .description("a person's GDPR request: export what is held about them, or erase them everywhere")
    .addArgument(new Argument('<action>', 'export or erase').choices(['export', 'erase']))
    .requiredOption('--tenant <id>', 'the tenant organisation whose registry is searched')
    .option('--email <email>', 'the person, by e-mail address')
    .option('--name <name>', 'the person, by exact name')
    .action((action: 'export' | 'erase', options: Omit<PersonalDataOptions, 'action'>) =>
      run({ command: 'personal-data', options: { ...options, action } }),
    )

  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; everything else is a usage error.
      return e.exitCode === 0 ? 0 : 2
    }
    throw e
  }
  return exitCode
}
