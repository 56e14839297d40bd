import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Role, ROLES } from '../auth/roles';

export class CreateUserDto {
  @ApiProperty({ example: 'j.smith@leeds.gov.uk' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 12 })
  @IsString() @MinLength(12) @MaxLength(200)
  password: string;

  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(200)
  displayName: string;

  @ApiProperty()
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles: Role[];
}

/** An admin's change to an account; takes effect on the user's next request and live connection. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @ArrayUnique() @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'false: the account can no longer sign in, and its tokens stop working at once' })
  @IsOptional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  displayName?: string;
}
