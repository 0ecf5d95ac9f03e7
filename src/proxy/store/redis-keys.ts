// Key names and stored values of the Redis store: nothing in them reveals the account.
import {createHash} from 'node:crypto';
import type {StoredToken} from './types.js';

/**
 * A key prefix naming one upstream account without revealing it: `ss:` and a hash of the API
 * base and the account (the merchant id; never pass a secret you would not hash).
 */
export function storeKeyPrefix(apiBase: string, account: string): string {
  return `ss:${hashOf(`${apiBase}\n${account}`)}:`;
}

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function parseToken(raw: string): StoredToken | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StoredToken> | null;
    if (typeof value?.token !== 'string' || typeof value.expiresAt !== 'number') return undefined;
    const {token, expiresAt, refreshAt} = value;
    return typeof refreshAt === 'number' ? {token, expiresAt, refreshAt} : {token, expiresAt};
  } catch {
    return undefined;
  }
}
