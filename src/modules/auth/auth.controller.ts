import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/http/api-responses';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Public } from '../../common/policy/roles.decorator';
import { AuthService } from './auth.service';
import type { AuthenticatedRequest } from './auth.guard';
import {
  AuthUserDto,
  ChangePasswordDto,
  LoginDto,
  LoginResponseDto,
  SessionResponseDto,
} from './dtos/login.dto';
import { clearSessionCookies, setSessionCookies } from './session-cookies';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Per IP generously (a township office shares one address); per username strictly, in AuthService. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrorResponses(400, 401, 429)
  login(@Body() dto: LoginDto, @Req() request: Request & { id?: string }): Promise<LoginResponseDto> {
    const requestId = request.id ? String(request.id) : null;
    return this.auth.login(dto.username, dto.password, requestId, request.ip ?? null);
  }

  /**
   * The console's login: the same checks as /auth/login, but the token goes into an httpOnly, SameSite=Strict
   * cookie (no script can read it) and the answer carries the CSRF token instead.
   */
  @Post('session')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: SessionResponseDto, description: 'the token is in the httpOnly session cookie' })
  @ApiErrorResponses(400, 401, 429)
  async startSession(
    @Body() dto: LoginDto,
    @Req() request: Request & { id?: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponseDto> {
    const requestId = request.id ? String(request.id) : null;
    const { accessToken, user } = await this.auth.login(
      dto.username,
      dto.password,
      requestId,
      request.ip ?? null,
    );
    return this.session(request, response, accessToken, user);
  }

  /** Logout: the cookies are cleared (works with an expired session too). */
  @Delete('session')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the session cookies are cleared' })
  endSession(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    clearSessionCookies(request, response);
  }

  /** The caller's own password; the answer carries a new token, since every earlier one stops working. */
  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiExtraModels(LoginResponseDto, SessionResponseDto)
  @ApiOkResponse({
    description: 'a new bearer token; through the console, a new session (cookie) and its CSRF token instead',
    schema: {
      oneOf: [{ $ref: getSchemaPath(LoginResponseDto) }, { $ref: getSchemaPath(SessionResponseDto) }],
    },
  })
  @ApiErrorResponses(400, 401, 403)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResponseDto | SessionResponseDto> {
    const result = await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
    // In the console the new token replaces the session cookie; it is never handed to the page's script.
    if (request.viaSession) return this.session(request, response, result.accessToken, result.user);
    return result;
  }

  private session(
    request: Request,
    response: Response,
    token: string,
    user: AuthUserDto,
  ): SessionResponseDto {
    const expiresAt = this.auth.expiresAt(token);
    const csrfToken = setSessionCookies(request, response, token, expiresAt, this.config.jwtSecret);
    return { user, csrfToken, expiresAt: expiresAt.toISOString() };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: AuthUserDto })
  @ApiErrorResponses(401)
  me(@CurrentActor() actor: Actor): AuthUserDto {
    return {
      id: actor.id,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      orgUnitId: actor.orgUnitId,
    };
  }
}
