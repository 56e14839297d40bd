import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { CurrentUserService } from './current-user.service';

/** The one access layer: who the caller is now, and what they may see and do (docs/access.md). */
@Global()
@Module({
  providers: [AccessRepository, CurrentUserService],
  exports: [AccessRepository, CurrentUserService],
})
export class AccessModule {}
