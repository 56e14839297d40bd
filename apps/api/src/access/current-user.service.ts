import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthUser, Role, ROLES } from '../auth/roles';
import { AccessRepository } from './access.repository';

/** What an access token says; only `sub` is trusted after verification (roles come from the database). */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  org: string;
  roles: Role[];
  /** Present (true) while the user must choose a new password: the web pages hold everything else back. */
  pwd?: boolean;
}

export interface VerifiedToken {
  user: AuthUser;
  /** When the token expires (ms since the epoch), if it says. */
  expiresAt?: number;
}

/**
 * "Who is the caller, now?" for every way in: the bearer guard, the live gateway's handshake and each of
 * its commands, and any cookie-based web guard. The token proves who signed in; the account decides what
 * they may do. So deactivating an account or changing its roles takes effect on the very next request,
 * whatever tokens are still in circulation.
 */
@Injectable()
export class CurrentUserService {
  constructor(
    private readonly jwt: JwtService,
    private readonly access: AccessRepository,
  ) {}

  /** Verifies the token's signature and expiry, then resolves the account as it is now. */
  async fromToken(token: string): Promise<VerifiedToken> {
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = this.jwt.verify<AccessTokenClaims & { exp?: number }>(token);
    } catch {
      throw new UnauthorizedException('The token is invalid or has expired');
    }
    if (typeof claims.sub !== 'string') throw new UnauthorizedException('The token is invalid or has expired');
    return { user: await this.resolve(claims.sub), ...(claims.exp ? { expiresAt: claims.exp * 1000 } : {}) };
  }

  /** The signed-in user as the database has them now; 401 when the account is gone or deactivated. */
  async resolve(userId: string): Promise<AuthUser> {
    // A `sub` that is not a uuid names no account. A database that is down is the database's answer (503 with
    // Retry-After), not the account's: only a missing or deactivated account is a 401.
    const account = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userId) ? await this.access.account(userId) : null;
    if (!account || !account.active) throw new UnauthorizedException('This account is no longer active');
    return {
      id: account.id,
      email: account.email,
      organisationId: account.organisationId,
      roles: account.roles.filter((r) => (ROLES as readonly string[]).includes(r)),
    };
  }
}
