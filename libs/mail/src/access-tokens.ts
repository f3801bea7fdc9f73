import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessToken, AccessTokenPurpose } from './access-token.entity';

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A 256-bit random token (store only its sha256). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Mints a 256-bit random token and stores only its hash. */
export async function mintToken(
  em: EntityManager,
  purpose: AccessTokenPurpose,
  subjectId: string,
  seriesId: string | null = null,
): Promise<string> {
  const token = newToken();
  await em.insert(AccessToken, { tokenHash: sha256(token), purpose, subjectId, seriesId });
  return token;
}

export async function resolveToken(
  em: EntityManager,
  purpose: AccessTokenPurpose,
  token: string,
): Promise<AccessToken | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  return em.findOne(AccessToken, { where: { tokenHash: sha256(token), purpose } });
}
