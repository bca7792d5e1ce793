import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'projektatlas')

/**
 * Starts `projektatlas serve` on 127.0.0.1:`port` against `databaseUrl` (with `workers` processes
 * and `nodeArgs` for node, such as --cpu-prof); resolves once it listens.
 */
export async function startServeProcess(options: {
  readonly databaseUrl: string
  readonly port: number
  readonly workers?: number
  readonly nodeArgs?: readonly string[]
}): Promise<ChildProcess> {
  const args = ['serve', '--port', String(options.port), '--host', '127.0.0.1']
  args.push('--workers', String(options.workers ?? 1))
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    env: { ...process.env, DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('running at')) {
        resolve()
      }
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return child
}

/** Stops a server process and waits until it has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve(undefined)
    } else {
      child.once('exit', resolve)
    }
  })
  child.kill('SIGTERM')
  await exited
}
