import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthUser } from './roles';

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});

/** The request id pino assigned; carried into audit rows so a log line and an audit row can be joined. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  return ctx.switchToHttp().getRequest().id;
});
