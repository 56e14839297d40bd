import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CurrentUserService } from '../access/current-user.service';
import { forbidden } from '../common/domain-error';
import { SESSION_COOKIE, WEB_KEY } from '../web/web-keys';
import { AuthUser, PUBLIC_KEY, Role, ROLES_KEY } from './roles';

export type { AccessTokenClaims } from '../access/current-user.service';

/** The bearer token of an `Authorization` header, or a 401. */
export function bearerToken(header: unknown): string {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new UnauthorizedException('A bearer token is required');
  return match[1];
}

/**
 * Deny by default: every route needs a valid token of an active account and a declared role list containing
 * one of the account's current roles. A route that forgot to declare roles is refused to everyone (and
 * logged), never opened. Who the caller is comes from CurrentUserService (the database, not the token).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly currentUser: CurrentUserService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // the socket gateway authenticates its own handshake
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest();
    // Web pages carry the same access token in the session cookie instead of the Authorization header.
    const page = this.reflector.getAllAndOverride<boolean>(WEB_KEY, targets) === true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // A public page still shows who is signed in; a bad or expired session there just means nobody.
      if (page) request.user = await this.optionalSession(request.cookies?.[SESSION_COOKIE]);
      return true;
    }

    const user = page ? await this.authenticateSession(request.cookies?.[SESSION_COOKIE]) : await this.authenticate(request.headers?.authorization);
    request.user = user;
    this.assertRoleAllowed(context, user, `${request.method} ${request.url}`);
    return true;
  }

  /** The route's declared roles against the user's: for this guard and any other (e.g. a cookie guard). */
  assertRoleAllowed(context: ExecutionContext, user: AuthUser, what: string): void {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!allowed || allowed.length === 0) {
      this.logger.error(`${what} declares no roles: refused`);
      throw forbidden('This route is not open to any role');
    }
    if (!user.roles.some((role) => allowed.includes(role))) throw forbidden();
  }

  /** The session cookie's token, resolved like a bearer token: the account as it is now decides. */
  async authenticateSession(cookie: unknown): Promise<AuthUser> {
    if (typeof cookie !== 'string' || cookie === '') throw new UnauthorizedException('Sign in to continue');
    return (await this.currentUser.fromToken(cookie)).user;
  }

  private async optionalSession(cookie: unknown): Promise<AuthUser | undefined> {
    try {
      return await this.authenticateSession(cookie);
    } catch {
      return undefined;
    }
  }

  async authenticate(header: unknown): Promise<AuthUser> {
    return (await this.currentUser.fromToken(bearerToken(header))).user;
  }
}
