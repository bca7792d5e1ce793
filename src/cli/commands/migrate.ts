import type { CliIO } from '../io.js'
export async function migrate(_io: CliIO): Promise<number> {
  throw new Error('not built yet')
}
