import type { Configuration } from 'openid-client'
import { UnauthorizedError } from './errors.js'

/** The OpenID Connect settings (Config.auth.oidc). */
export interface OidcSettings {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: string
}

/** What the browser keeps (in a signed, short-lived cookie) between the redirect and the callback. */
export interface OidcPending {
  readonly state: string
  readonly nonce: string
  readonly verifier: string
  readonly next: string
}

/** The identity the provider vouches for. */
export interface OidcIdentity {
  readonly issuer: string
  readonly subject: string
  readonly email: string | null
  readonly emailVerified: boolean
}

/** An OpenID Connect relying party (authorization code flow with PKCE, state and nonce). */
export interface OidcClient {
  /** where to send the browser, and what to remember until it returns */
  start(redirectUri: string, next: string): Promise<{ readonly url: string; readonly pending: OidcPending }>
  /**
   * Checks the callback and redeems its code.
   * @throws {UnauthorizedError} when the state, nonce or code does not check out
   */
  finish(callbackUrl: URL, pending: OidcPending): Promise<OidcIdentity>
}

/**
 * Builds the relying party from the provider's discovery document (fetched once, lazily).
 * Plain-http issuers are allowed only on loopback addresses (the tests' local provider).
 */
export function createOidcClient(settings: OidcSettings): OidcClient {
  let configuration: Promise<Configuration> | undefined
  const load = async () => {
    const client = await import('openid-client')
    const url = new URL(settings.issuer)
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
    return client.discovery(url, settings.clientId, settings.clientSecret, undefined, {
      ...(url.protocol === 'http:' && loopback ? { execute: [client.allowInsecureRequests] } : {}),
    })
  }
  return {
    async start(redirectUri, next) {
      const client = await import('openid-client')
      configuration ??= load()
      const config = await configuration
      const verifier = client.randomPKCECodeVerifier()
      const pending: OidcPending = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier,
        next,
      }
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      })
      return { url: url.href, pending }
    },
    async finish(callbackUrl, pending) {
      const client = await import('openid-client')
      configuration ??= load()
      const config = await configuration
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        })
        const claims = tokens.claims()
        if (!claims) {
          throw new UnauthorizedError('The identity provider sent no ID token')
        }
        let email: unknown = claims.email
        let verified: unknown = claims.email_verified
        // Conforming providers put scope claims in the UserInfo answer, not the ID token.
        if (typeof email !== 'string' && tokens.access_token) {
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
          email = info.email
          verified = info.email_verified
        }
        return {
          issuer: claims.iss,
          subject: claims.sub,
          email: typeof email === 'string' ? email : null,
          emailVerified: verified === true,
        }
      } catch (e) {
        if (e instanceof UnauthorizedError) {
          throw e
        }
        throw new UnauthorizedError('Sign-in with the identity provider failed', { cause: e })
      }
    },
  }
}
