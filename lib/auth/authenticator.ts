// Authentication (who is calling) and the authorization seam (may they do this).
// Storage is reached only through TokenLookup, so this file stays free of I/O.

import { UnauthorizedError } from '../api/errors.ts';
import { parseToken, tokenMatches } from './tokens.ts';
import type { TokenRecord, UserInfo } from './tokens.ts';
import { ALLOW_ALL_RULES, NO_RULES, type RulesForUser } from './rules.ts';

export interface TokenLookup {
  /** The record minted with this id, or undefined. Errors (storage down) propagate as-is. */
  findToken(id: string): Promise<TokenRecord | undefined>;
}

export interface Authenticator {
  /** The caller's identity, or UnauthorizedError. */
  authenticate(authorizationHeader: string | undefined): Promise<UserInfo>;
}

/** The request as RBAC sees it (kube-apiserver's authorizer.Attributes for a resource request). */
export interface ResourceAuthorizationAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  version?: string;
}

/** A request for a path outside the resource tree (/healthz, /version, /logs/…). */
export interface NonResourceAuthorizationAttributes {
  verb: string;
  path: string;
}

export type AuthorizationAttributes = ResourceAuthorizationAttributes | NonResourceAuthorizationAttributes;

export function isNonResource(attributes: AuthorizationAttributes): attributes is NonResourceAuthorizationAttributes {
  return 'path' in attributes;
}

/**
 * kube's three-way decision folded into two booleans: `allowed`, or `denied` for an explicit
 * deny; neither means "no opinion" (which an apiserver also refuses).
 */
export interface AuthorizationDecision {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

export interface Authorizer {
  authorize(user: UserInfo, attributes: AuthorizationAttributes): Promise<AuthorizationDecision>;
  /** What `user` may do in `namespace` (kube's RuleResolver.RulesFor), for SelfSubjectRulesReview. */
  rulesFor(user: UserInfo, namespace: string): Promise<RulesForUser>;
}

const AUTHENTICATED_GROUP = 'system:authenticated';

/**
 * Accepts `Authorization: Bearer <token>`. Every failure throws the same bare
 * UnauthorizedError so a caller cannot tell a missing header from an unknown id or a wrong
 * secret. A failing lookup is NOT turned into 401: a storage outage must surface as a 5xx,
 * not make clients believe their credentials are bad.
 */
export function createBearerAuthenticator(lookup: TokenLookup): Authenticator {
  return {
    async authenticate(authorizationHeader) {
      const token = bearerToken(authorizationHeader);
      const parsed = token === undefined ? undefined : parseToken(token);
      if (token === undefined || parsed === undefined) throw new UnauthorizedError();
      const record = await lookup.findToken(parsed.id);
      if (!record || !tokenMatches(token, record)) throw new UnauthorizedError();
      return authenticatedUser(record.user);
    },
  };
}

/**
 * Allows every authenticated user. This is the seam RBAC replaces later; it still checks
 * the group so that a user object which never passed authentication is refused.
 */
export const allowAuthenticated: Authorizer = {
  async authorize(user) {
    if (user.groups.includes(AUTHENTICATED_GROUP)) {
      return { allowed: true, reason: 'skiff allows all authenticated users' };
    }
    return { allowed: false, reason: 'user is not authenticated' };
  },
  // Allowing everything is what cluster-admin's `*` rules say, so that is what it reports.
  async rulesFor(user) {
    return user.groups.includes(AUTHENTICATED_GROUP) ? ALLOW_ALL_RULES : NO_RULES;
  },
};

/** The token from `Bearer <token>`; the scheme is case-insensitive per RFC 7235, as in kube-apiserver. */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bearer +(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * A copy of the stored identity (callers may mutate it freely) that always carries
 * system:authenticated, as kube-apiserver's authenticated-group adder guarantees.
 */
function authenticatedUser(user: UserInfo): UserInfo {
  const groups = user.groups.includes(AUTHENTICATED_GROUP) ? [...user.groups] : [...user.groups, AUTHENTICATED_GROUP];
  return { name: user.name, groups };
}
