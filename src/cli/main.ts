import { isAppError } from '../shared/errors.js'
import { runCli } from './cli.js'
import { processIO } from './io.js'

const EXIT_CODES = {
  NOT_FOUND: 3,
  VALIDATION: 2,
  CONFLICT: 4,
  IMPORT_FORMAT: 5,
  CONFIG: 6,
  UNAUTHORIZED: 7,
  FORBIDDEN: 7,
  INTERNAL: 1,
} as const

/** The single top-level catch: an expected error is one line and its code's exit status, never a stack. */
async function main(): Promise<void> {
  // A reader that stops early (`projektatlas export | head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      process.exit(0)
    }
    throw e
  })
  const io = processIO()
  try {
    process.exitCode = await runCli(process.argv.slice(2), io)
  } catch (e) {
    if (isAppError(e)) {
      io.err(`projektatlas: ${e.message}\n`)
      process.exitCode = EXIT_CODES[e.code]
      return
    }
    io.err(`projektatlas: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`)
    if (io.env.PROJEKTATLAS_DEBUG) {
      io.err(`${e instanceof Error ? e.stack : ''}\n`)
    }
    process.exitCode = 1
  }
}

await main()
