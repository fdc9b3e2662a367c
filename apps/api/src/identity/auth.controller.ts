import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RateLimitStoreUnavailableError } from '@credence/shared';
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
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResult> {
    try {
      return await this.logins.login(body.username, body.password, req.ip ?? 'unknown');
    } catch (error) {
      // The problem filter keeps headers already set on the response.
      if (error instanceof AccountLockedError || error instanceof RateLimitStoreUnavailableError)
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
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
