import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { AccessTokenClaims } from '../auth/auth.guard';
import { AuthUser } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { CsrfTokens } from './csrf';
import { navigationFor } from './navigation';
import { safeReturnTo, takeFlash } from './render';
import { publicUrl, RedirectTo } from './web-errors';
import { PENDING_PASSWORD_KEY, SESSION_COOKIE } from './web-keys';

export interface PageRequest {
  method: string;
  user?: AuthUser;
  cookies: Record<string, unknown>;
  query: Record<string, unknown>;
}

/** What the layout needs about the signed-in session. */
export interface SessionInfo {
  expiresAt: Date;
  /** Seconds left at render: the page's script counts from its own clock, which may not agree with ours. */
  expiresInSeconds: number;
  mustChangePassword: boolean;
}

/**
 * Runs on every web page after the guard: refuses a form post without this browser's CSRF token, holds
 * everything behind "change your password" while that is pending, and gives the layout its locals
 * (the user, the navigation for their role, the CSRF token, when the session ends, a success banner).
 */
@Injectable()
export class WebPageInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly csrf: CsrfTokens,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest();
    const res = http.getResponse<Response>();
    if (req.method !== 'GET' && req.method !== 'HEAD' && !this.csrf.verify(req)) {
      throw new DomainError(HttpStatus.FORBIDDEN, 'CSRF_FAILED', 'This form has expired. Go back, reload the page and try again.');
    }
    const user: AuthUser | undefined = req.user;
    const session = user ? this.session(req) : undefined;
    const url = publicUrl(req);
    const path = url.split('?')[0];
    const allowPending = this.reflector.getAllAndOverride<boolean>(PENDING_PASSWORD_KEY, [context.getHandler(), context.getClass()]);
    if (session?.mustChangePassword && !allowPending) {
      throw new RedirectTo(`/account/password?returnTo=${encodeURIComponent(safeReturnTo(url))}`);
    }
    Object.assign(res.locals, {
      user,
      session,
      currentUrl: url,
      currentPath: path,
      navigation: session?.mustChangePassword ? [] : navigationFor(user, path),
      csrfToken: this.csrf.tokenFor(req, res),
      flash: takeFlash(req, res),
    });
    return next.handle();
  }

  private session(req: PageRequest): SessionInfo | undefined {
    const token = req.cookies?.[SESSION_COOKIE];
    if (typeof token !== 'string') return undefined;
    const claims = this.jwt.decode<AccessTokenClaims & { exp: number }>(token);
    if (!claims) return undefined;
    return {
      expiresAt: new Date(claims.exp * 1000),
      expiresInSeconds: Math.max(0, Math.floor(claims.exp - Date.now() / 1000)),
      mustChangePassword: claims.pwd === true,
    };
  }
}
