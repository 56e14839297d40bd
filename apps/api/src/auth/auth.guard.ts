import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { forbidden } from '../common/domain-error';
import { AuthUser, PUBLIC_KEY, Role, ROLES, ROLES_KEY } from './roles';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  org: string;
  roles: Role[];
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
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const user = this.authenticate(request.headers?.authorization);
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
