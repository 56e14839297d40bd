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
 * logged), never opened. API routes carry the token as a bearer header, web pages in the session cookie;
 * either way who the caller is comes from CurrentUserService (the account as the database has it now).
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

  /** The route's declared roles against the user's. */
  assertRoleAllowed(context: ExecutionContext, user: AuthUser, what: string): void {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!allowed || allowed.length === 0) {
      this.logger.error(`${what} declares no roles: refused`);
      throw forbidden('This route is not open to any role');
    }
    if (!user.roles.some((role) => allowed.includes(role))) throw forbidden();
  }

  async authenticate(header: unknown): Promise<AuthUser> {
    return this.verify(bearerToken(header));
  }

  async authenticateSession(cookie: unknown): Promise<AuthUser> {
    if (typeof cookie !== 'string' || cookie === '') throw new UnauthorizedException('Sign in to continue');
    return this.verify(cookie);
  }

  private async optionalSession(cookie: unknown): Promise<AuthUser | undefined> {
    try {
      return await this.authenticateSession(cookie);
    } catch {
      return undefined;
    }
  }

  /** A verified token's user as the account is now (deactivated: 401; roles: the current ones). */
  async verify(token: string): Promise<AuthUser> {
    return (await this.currentUser.fromToken(token)).user;
  }
}
