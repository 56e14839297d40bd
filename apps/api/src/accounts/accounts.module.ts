import { Module } from '@nestjs/common';
import { PasswordResetController, UserDirectoryController } from './accounts.controller';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { UserDirectoryRepository } from './user-directory.repository';
import { UserDirectoryService } from './user-directory.service';

/** Administering accounts: the user directory and password reset codes (issue 17). */
@Module({
  controllers: [UserDirectoryController, PasswordResetController],
  providers: [UserDirectoryService, UserDirectoryRepository, PasswordResetService, PasswordResetRepository],
  exports: [UserDirectoryService, PasswordResetService],
})
export class AccountsModule {}
