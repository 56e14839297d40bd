import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
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
