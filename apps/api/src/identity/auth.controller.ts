import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AccountLockedError,
  CurrentUser,
  LoginService,
  Public,
  type Actor,
  type LoginResult,
} from '@credence/identity';
import { NoIdempotency } from '../http/idempotency.interceptor';
import { ActorDto, LoginDto, LoginResponseDto } from './auth.dto';
import { LoginRateLimit } from './rate-limit';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly logins: LoginService) {}

  @Post('login')
  @Public()
  @NoIdempotency()
  @LoginRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: '登录，获取访问令牌 / Log in and get an access token' })
  @ApiOkResponse({ type: LoginResponseDto })
  async login(@Body() body: LoginDto, @Res({ passthrough: true }) res: Response): Promise<LoginResult> {
    try {
      return await this.logins.login(body.username, body.password);
    } catch (error) {
      // The problem filter keeps headers already set on the response.
      if (error instanceof AccountLockedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前登录用户 / The logged-in user' })
  @ApiOkResponse({ type: ActorDto })
  me(@CurrentUser() user: Actor): Actor {
    return user;
  }
}
