import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'

/** The repository root, where `./bin/projektatlas` lives. */
export const ROOT = resolve(import.meta.dirname, '../..')
export const BIN = join(ROOT, 'bin/projektatlas')

/** What one run of the executable gave. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The environment a user would have: no DATABASE_URL, no PORT/HOST, plus the test's own variables. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.DATABASE_URL
  delete env.PORT
  delete env.HOST
  delete env.PROJEKTATLAS_DB
  return { ...env, ...extra }
}

/** Runs `./bin/projektatlas ARGS` as a child process, as a user would from the repository root. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      BIN,
      [...args],
      { cwd, env: cleanEnv(env), timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}
