import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../../../common/auth/auth.guard.js';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  documentOf,
  LoginDto,
  RefreshDto,
  RegisterDto,
  RegisteredDto,
  SessionTokensDto,
} from '../dto/holder-auth.dto.js';
import { CurrentHolder, type HolderPrincipal } from '../holder-principal.js';
import { HolderAccountsService } from '../services/holder-accounts.service.js';

@ApiTags('holder')
@Controller('holder')
export class HolderAuthController {
  constructor(private readonly accounts: HolderAccountsService) {}

  @Post('register')
  @RateLimited('holder-auth')
  @ApiOperation({
    summary: 'Open an account with a claim code and the document its credential was issued to',
  })
  @ApiCreatedResponse({ type: RegisteredDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    'INVALID_CLAIM',
    'ACCOUNT_EXISTS',
    'WEAK_PASSWORD',
    'RATE_LIMITED',
  )
  register(@Body() dto: RegisterDto, @Ip() client: string): Promise<RegisteredDto> {
    return this.accounts.register(
      { document: documentOf(dto), claimCode: dto.claimCode, password: dto.password },
      client,
    );
  }

  @Post('login')
  @HttpCode(200)
  @RateLimited('holder-auth')
  @ApiOperation({ summary: 'Sign in with any of your documents and your password' })
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiProblems('VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'RATE_LIMITED')
  login(@Body() dto: LoginDto, @Ip() client: string): Promise<SessionTokensDto> {
    return this.accounts.login({ document: documentOf(dto), password: dto.password }, client);
  }

  @Post('refresh')
  @HttpCode(200)
  @RateLimited('holder-auth')
  @ApiOperation({ summary: 'Exchange a refresh token (once) for new tokens' })
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'RATE_LIMITED')
  refresh(@Body() dto: RefreshDto): Promise<SessionTokensDto> {
    return this.accounts.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Auth('holder')
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working' })
  @ApiNoContentResponse()
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN')
  logout(@CurrentHolder() holder: HolderPrincipal): Promise<void> {
    return this.accounts.logout(holder.sessionId);
  }
}
