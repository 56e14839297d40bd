import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@safe-harbour.test' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(500)
  password: string;
}
