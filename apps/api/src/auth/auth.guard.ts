import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { forbidden } from '../common/domain-error';
import { SESSION_COOKIE, WEB_KEY } from '../web/web-keys';
import { AuthUser, PUBLIC_KEY, Role, ROLES, ROLES_KEY } from './roles';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  org: string;
  roles: Role[];
  /** Present (true) while the user must choose a new password: the web pages hold everything else back. */
  pwd?: boolean;
}

/**
 * Deny by default: every route needs a valid token and a declared role list containing one of the
 * caller's roles. A route that forgot to declare roles is refused to everyone (and logged), never opened.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true; // the socket gateway authenticates its own handshake
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest();
    // Web pages carry the same access token in the session cookie instead of the Authorization header.
    const page = this.reflector.getAllAndOverride<boolean>(WEB_KEY, targets) === true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // A public page still shows who is signed in; a bad or expired session there just means nobody.
      if (page) request.user = this.optionalSession(request.cookies?.[SESSION_COOKIE]);
      return true;
    }

    const user = page ? this.authenticateSession(request.cookies?.[SESSION_COOKIE]) : this.authenticate(request.headers?.authorization);
    request.user = user;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed || allowed.length === 0) {
      this.logger.error(`${request.method} ${request.url} declares no roles: refused`);
      throw forbidden('This route is not open to any role');
    }
    if (!user.roles.some((role) => allowed.includes(role))) throw forbidden();
    return true;
  }

  authenticate(header: unknown): AuthUser {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required');
    return this.verify(match[1]);
  }

  authenticateSession(cookie: unknown): AuthUser {
    if (typeof cookie !== 'string' || cookie === '') throw new UnauthorizedException('Sign in to continue');
    return this.verify(cookie);
  }

  private optionalSession(cookie: unknown): AuthUser | undefined {
    try {
      return this.authenticateSession(cookie);
    } catch {
      return undefined;
    }
  }

  verify(token: string): AuthUser {
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token);
      return {
        id: claims.sub,
        email: claims.email,
        organisationId: claims.org,
        roles: claims.roles.filter((r) => (ROLES as readonly string[]).includes(r)),
      };
    } catch {
      throw new UnauthorizedException('The token is invalid or has expired');
    }
  }
}
