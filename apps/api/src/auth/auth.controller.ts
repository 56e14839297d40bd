import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequestId } from './current-user.decorator';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { Public } from './roles';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string, @RequestId() requestId?: string) {
    return this.auth.login(body.email, body.password, requestId, ip);
  }
}
