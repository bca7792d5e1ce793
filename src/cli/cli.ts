import { Command, CommanderError, Option } from 'commander'
import type { CliIO } from './io.js'

/**
 * Declares every command and its options; each command's code is imported only when it runs,
 * so `projektatlas extract` does not pay for the web server's start-up.
 * Resolves to the process exit code.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0
  const program = new Command('projektatlas')
    .description('Projektatlas: a registry of EU-funded and international projects')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const { migrate } = await import('./commands/migrate.js')
      exitCode = await migrate(io)
    })

  program
    .command('serve')
    .description('start the web server and JSON API')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--demo', 'load a small, clearly marked demo portfolio when the database is empty')
    .action(async (options: { port?: string; host?: string; demo?: boolean }) => {
      const { serve } = await import('./commands/serve.js')
      exitCode = await serve(options, io)
    })

  program
    .command('extract')
    .description('read documents and print their project records (nothing is stored)')
    .argument('<files...>', 'documents or folders: .txt, .html, .pdf, .docx')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl']).default('json'))
    .action(async (files: string[], options: { format: 'json' | 'jsonl' }) => {
      const { extract } = await import('./commands/extract.js')
      exitCode = await extract(files, options, io)
    })

  program
    .command('import')
    .description('read documents and store their records with provenance')
    .argument('<files...>', 'documents or folders')
    .option('--organisation <name>', 'the organisation whose documents these are')
    .action(async (files: string[], options: { organisation?: string }) => {
      const { importFiles } = await import('./commands/import.js')
      exitCode = await importFiles(files, options, io)
    })

  program
    .command('projects')
    .description('list projects, or show one')
    .argument('[id]', 'a project id to show')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--tenant <id>', "only this organisation's portfolio (default: all)")
    .action(async (id: string | undefined, options: { format: 'table' | 'json'; tenant?: string }) => {
      const { projects } = await import('./commands/projects.js')
      exitCode = await projects(id, options, io)
    })

  program
    .command('organisations')
    .description('list organisations')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (options: { format: 'table' | 'json' }) => {
      const { organisations } = await import('./commands/organisations.js')
      exitCode = await organisations(options, io)
    })

  program
    .command('export')
    .description('write every project as open data')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'jsonl']).default('json'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--tenant <id>', "only this organisation's portfolio (default: all)")
    .action(async (options: { format: 'json' | 'jsonl'; out?: string; tenant?: string }) => {
      const { exportProjects } = await import('./commands/export.js')
      exitCode = await exportProjects(options, io)
    })

  program
    .command('backup')
    .description('copy the SQLite database safely, even while the server runs')
    .argument('<file>', 'where to write the copy')
    .action(async (file: string) => {
      const { backup } = await import('./commands/backup.js')
      exitCode = await backup(file, io)
    })

  program
    .command('restore')
    .description('replace the SQLite database with a backup (stop the server first)')
    .argument('<file>', 'the backup to restore')
    .action(async (file: string) => {
      const { restore } = await import('./commands/backup.js')
      exitCode = await restore(file, io)
    })

  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? 0 : 2
    }
    throw e
  }
  return exitCode
}
