// Continue tokens are opaque to clients; inside they carry the list's revision (so every
// page reports the revision of the first) and the sort key to resume after.
import { BadRequestError } from '../api/errors.ts';

export interface ContinuePosition {
  resourceVersion: string;
  after: string;
}

export function encodeContinue(pos: ContinuePosition): string {
  return Buffer.from(JSON.stringify({ v: 1, rv: pos.resourceVersion, after: pos.after })).toString('base64url');
}

export function decodeContinue(token: string): ContinuePosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      parsed && typeof parsed === 'object' &&
      (parsed as { v?: unknown }).v === 1 &&
      typeof (parsed as { rv?: unknown }).rv === 'string' &&
      typeof (parsed as { after?: unknown }).after === 'string'
    ) {
      const p = parsed as { rv: string; after: string };
      return { resourceVersion: p.rv, after: p.after };
    }
  } catch {
    // fall through to the client-facing error
  }
  throw new BadRequestError('continue key is not valid: the token is malformed; restart the list without it');
}
