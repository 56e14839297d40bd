import { Body, Get, HttpCode, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoginDto } from '../auth/auth.dto';
import { AuthService } from '../auth/auth.service';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Public, Roles } from '../auth/roles';
import { CsrfTokens } from './csrf';
import { attempt, formErrors, validateForm } from './forms';
import { redirect, render, safeReturnTo } from './render';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { AllowPendingPassword, WebController } from './web-routing';

type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Signing in and out, changing one's password, keeping the session going. */
@WebController()
export class AccountPages {
  constructor(
    private readonly auth: AuthService,
    private readonly csrf: CsrfTokens,
  ) {}

  @Get('sign-in')
  @Public()
  signInPage(@Req() req: Request & { user?: AuthUser }, @Res() res: Response, @Query('returnTo') returnTo?: string, @Query('expired') expired?: string) {
    if (req.user && !expired) return redirect(res, safeReturnTo(returnTo));
    render(res, 'account/sign-in', { title: 'Sign in', returnTo: safeReturnTo(returnTo, ''), expired: expired === '1', values: {} });
  }

  @Post('sign-in')
  @Public()
  async signIn(@Req() req: Request, @Res() res: Response, @Body() form: Form, @RequestId() requestId?: string) {
    const returnTo = safeReturnTo(form.returnTo, '');
    const values = { email: text(form.email)?.trim() ?? '' };
    const show = (errors: ReturnType<typeof formErrors>) => render(res, 'account/sign-in', { title: 'Sign in', returnTo, values, errors });
    const parsed = await validateForm(LoginDto, { email: values.email, password: text(form.password) ?? '' }, {
      email: 'Enter your email address, like name@example.org',
      password: 'Enter your password',
    });
    if (!parsed.ok) return show(parsed.errors);
    let session: Awaited<ReturnType<AuthService['login']>>;
    try {
      session = await this.auth.login(parsed.value.email, parsed.value.password, requestId, req.ip);
    } catch (err) {
      if (err instanceof UnauthorizedException) return show(formErrors([['email', 'Email or password is wrong']]));
      throw err;
    }
    setSessionCookie(req, res, session.accessToken, session.expiresIn);
    // A new browser secret at sign-in: a CSRF token planted before it is worthless after it.
    this.csrf.renew(req, res);
    if (session.mustChangePassword) return redirect(res, `/account/password?returnTo=${encodeURIComponent(returnTo || '/')}`);
    redirect(res, returnTo || '/');
  }

  @Get('sign-out')
  @Public()
  signOut(@Req() req: Request, @Res() res: Response) {
    clearSessionCookie(res);
    this.csrf.renew(req, res);
    redirect(res, '/sign-in', 'You have signed out');
  }

  @Get('account/password')
  @Roles(...ANY_ROLE)
  @AllowPendingPassword()
  passwordPage(@Res() res: Response, @Query('returnTo') returnTo?: string) {
    render(res, 'account/password', { title: 'Change your password', returnTo: safeReturnTo(returnTo, '') });
  }

  @Post('account/password')
  @Roles(...ANY_ROLE)
  @AllowPendingPassword()
  async changePassword(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser, @Body() form: Form, @RequestId() requestId?: string) {
    const returnTo = safeReturnTo(form.returnTo, '');
    const current = text(form.currentPassword) ?? '';
    const next = text(form.newPassword) ?? '';
    const confirm = text(form.confirmPassword) ?? '';
    const problems: Array<[string, string]> = [];
    if (!current) problems.push(['currentPassword', 'Enter your current password']);
    if (!next) problems.push(['newPassword', 'Enter a new password']);
    else if (next !== confirm) problems.push(['confirmPassword', 'The passwords do not match: type the new password twice']);
    const show = (errors: ReturnType<typeof formErrors>) => render(res, 'account/password', { title: 'Change your password', returnTo, errors });
    if (problems.length) return show(formErrors(problems));
    const changed = await attempt(() => this.auth.changePassword({ user, requestId }, current, next), {
      WRONG_PASSWORD: 'currentPassword',
      PASSWORD_TOO_SHORT: 'newPassword',
      PASSWORD_UNCHANGED: 'newPassword',
      PASSWORD_PUBLISHED: 'newPassword',
    });
    if (!changed.ok) return show(changed.errors);
    setSessionCookie(req, res, changed.value.accessToken, changed.value.expiresIn);
    redirect(res, returnTo || '/', 'Your password has been changed');
  }

  /** "Stay signed in": a fresh token in the cookie, for the page's session warning (sent with the CSRF header). */
  @Post('account/session')
  @Roles(...ANY_ROLE)
  @AllowPendingPassword()
  @HttpCode(200)
  async renew(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser) {
    const session = await this.auth.renew(user);
    setSessionCookie(req, res, session.accessToken, session.expiresIn);
    res.json({ expiresInSeconds: session.expiresIn });
  }

  /**
   * The access token for this page's own scripts (the live picture's socket, the desk's offline queue):
   * same-origin only, and only with this browser's CSRF token in the header.
   */
  @Get('account/token')
  @Roles(...ANY_ROLE)
  token(@Req() req: Request, @Res() res: Response) {
    if (!this.csrf.verify(req)) return res.status(403).json({ message: 'CSRF token required' });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ accessToken: req.cookies?.sh_session });
  }
}
