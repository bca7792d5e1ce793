import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './run-cli.js'

/**
 * Starts `./bin/projektatlas serve` on a free port of 127.0.0.1 with `env` added to this process's
 * environment; resolves with its base URL once it listens (stop it with child.kill('SIGTERM')).
 */
export function startServe(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(join(ROOT, 'bin', 'projektatlas'), ['serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString()
    })
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const url = /running at (http:\/\/[^\s]+)/.exec(out)?.[1]
      if (url) {
        resolve({ url, child })
      }
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}${err}`)))
  })
}
