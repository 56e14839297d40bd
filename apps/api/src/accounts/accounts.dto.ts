import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from '../auth/roles';
import { PageQuery } from '../common/pagination';

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name, an email address or an organisation name' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ description: 'true: active accounts only; false: deactivated only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

/** Redeeming a reset code: the user proves who they are with their email and the code the admin read them. */
export class RedeemPasswordResetDto {
  @ApiProperty({ example: 'j.smith@leeds.gov.uk' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'K7QD-3M9X-A2PT-HW4E' })
  @IsString() @Matches(/^[0-9A-Za-z -]{16,40}$/, { message: 'resetCode must be the code you were given, such as K7QD-3M9X-A2PT-HW4E' })
  resetCode: string;

  @ApiProperty({ minLength: 12 })
  @IsString() @MinLength(12) @MaxLength(200)
  newPassword: string;
}
