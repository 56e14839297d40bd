import { Global, Module } from '@nestjs/common';
import { OrganisationsController } from '../organisations/organisations.controller';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { OrganisationsService } from '../organisations/organisations.service';
import { UsersController } from '../users/users.controller';
import { UsersService } from '../users/users.service';
import { AccessPolicy } from './access-policy';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordPolicy } from './password-policy';
import { LoginLimiter } from './login-limiter';

/** Who you are and what you may see: login, organisations, users and the shared access policy. */
@Global()
@Module({
  controllers: [AuthController, OrganisationsController, UsersController],
  providers: [AuthService, LoginLimiter, AuthGuard, AccessPolicy, PasswordPolicy, OrganisationsService, OrganisationsRepository, UsersService],
  exports: [AccessPolicy, AuthGuard, AuthService, OrganisationsRepository, OrganisationsService, PasswordPolicy, UsersService],
})
export class AuthModule {}
