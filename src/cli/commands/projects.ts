import type { CliIO } from '../io.js'
export async function projects(
  _id: string | undefined,
  _o: { format: 'table' | 'json' },
  _io: CliIO,
): Promise<number> {
  throw new Error('not built yet')
}
