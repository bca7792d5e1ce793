import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * A weak entity tag (RFC 9110 §8.8.3) over the parts an answer is made from: equal parts give an
 * equal tag, so a conditional request can be answered before the answer is rendered. Weak, because
 * equal parts promise the same content, not the same bytes (compression, header order).
 */
export function weakEtag(parts: readonly string[]): string {
  const hash = createHash('sha1')
  for (const p of parts) {
    // A separator that cannot occur in the parts' JSON or text, so ["ab","c"] ≠ ["a","bc"].
    hash.update(p).update('\u0000')
  }
  return `W/"${hash.digest('base64url')}"`
}

/**
 * True when the request's If-None-Match names `etag` (or is `*`): the client's copy is current.
 * Weak comparison, as RFC 9110 §13.1.2 prescribes for If-None-Match.
 */
export function clientHasCurrent(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  if (header === undefined) {
    return false
  }
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  const wanted = opaque(etag)
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted)
}

/**
 * Sets the ETag and, when the client's copy is current, answers 304 Not Modified.
 * @returns true when the 304 was sent (the caller must not render)
 */
export function answeredNotModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag)
  if (!clientHasCurrent(request, etag)) {
    return false
  }
  reply.code(304).send()
  return true
}

/**
 * A stamp of the source files of some folders (the views and their texts): part of every page's
 * ETag, so a new release that renders the same data differently does not answer 304 with an old
 * page. Read once at start; every worker and server of one release computes the same stamp.
 */
export function sourceStamp(folders: readonly URL[]): string {
  const hash = createHash('sha1')
  for (const folder of folders) {
    for (const name of readdirSync(folder).sort()) {
      if (/\.(ts|js|css)$/.test(name) && !name.includes('.test.')) {
        hash.update(name).update(readFileSync(new URL(name, folder)))
      }
    }
  }
  return hash.digest('base64url')
}
