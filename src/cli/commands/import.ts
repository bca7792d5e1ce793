import type { CliIO } from '../io.js'
export async function importFiles(_f: string[], _o: { organisation?: string }, _io: CliIO): Promise<number> {
  throw new Error('not built yet')
}
