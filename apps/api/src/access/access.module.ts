import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { CurrentUserService } from './current-user.service';

/** The one access layer: who the caller is now, and what they may see and do (docs/access.md). */
@Global()
@Module({
  providers: [AccessRepository, AccessService, CurrentUserService],
  exports: [AccessRepository, AccessService, CurrentUserService],
})
export class AccessModule {}
