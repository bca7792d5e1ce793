import type { CliIO } from '../io.js'
export async function backup(_f: string, _io: CliIO): Promise<number> {
  throw new Error('not built yet')
}
export async function restore(_f: string, _io: CliIO): Promise<number> {
  throw new Error('not built yet')
}
