import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { Actor } from '../../common/policy/actor';
import { CurrentActor } from '../../common/policy/current-actor.decorator';
import { Public } from '../../common/policy/roles.decorator';
import { AuthService } from './auth.service';
import { AuthUserDto, ChangePasswordDto, LoginDto, LoginResponseDto } from './dtos/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Per IP generously (a township office shares one address); per username strictly, in AuthService. */
  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiTooManyRequestsResponse({
    description: 'too many failed logins for this username, or too many from this IP',
  })
  login(@Body() dto: LoginDto, @Req() request: Request & { id?: string }): Promise<LoginResponseDto> {
    const requestId = request.id ? String(request.id) : null;
    return this.auth.login(dto.username, dto.password, requestId, request.ip ?? null);
  }

  /** The caller's own password; the answer carries a new token, since every earlier one stops working. */
  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: LoginResponseDto })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<LoginResponseDto> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: AuthUserDto })
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
