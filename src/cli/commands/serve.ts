import type { CliIO } from '../io.js'
export async function serve(
  _o: { port?: string; host?: string; demo?: boolean },
  _io: CliIO,
): Promise<number> {
  throw new Error('not built yet')
}
