// The few parts of oidc-provider (a test-only dependency without bundled types) the OIDC test uses.
declare module 'oidc-provider' {
  import type { Server } from 'node:http'

  interface Account {
    accountId: string
    claims(): Promise<Record<string, unknown>>
  }

  interface Configuration {
    clients?: Array<Record<string, unknown>>
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined>
    claims?: Record<string, string[]>
    features?: Record<string, { enabled: boolean }>
  }

  /** An OpenID provider; `listen` starts its HTTP server. */
  export default class Provider {
    constructor(issuer: string, configuration?: Configuration)
    listen(port: number, host: string, callback?: () => void): Server
  }
}
