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
  RecoverDto,
  RecoveredDto,
  RecoveryCodesDto,
  RefreshDto,
  RegisterDto,
  RegisteredDto,
  SessionTokensDto,
} from '../dto/holder-auth.dto.js';
import { CurrentHolder, type HolderPrincipal } from '../holder-principal.js';
import { HolderAccountsService } from '../services/holder-accounts.service.js';
import { HolderRecoveryService } from '../services/holder-recovery.service.js';

@ApiTags('holder')
@Controller('holder')
export class HolderAuthController {
  constructor(
    private readonly accounts: HolderAccountsService,
    private readonly recovery: HolderRecoveryService,
  ) {}

  @Post('register')
  @RateLimited('holder-auth')
  @ApiOperation({
    summary: 'Open an account with a claim code and the document its credential was issued to',
    description:
      'Opens a holder account: the claim code printed on a credential, the identity document it was issued to (typed as printed) and a password. Answers with a session (access and refresh tokens) and ten single-use recovery codes, shown once.',
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
  @ApiOperation({
    summary: 'Sign in with any of your documents and your password',
    description:
      "Signs in with any of the holder's documents and the password; answers with an access token and a refresh token. Repeated failures lock the document for a while (429).",
  })
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiProblems('VALIDATION_FAILED', 'INVALID_CREDENTIALS', 'RATE_LIMITED')
  login(@Body() dto: LoginDto, @Ip() client: string): Promise<SessionTokensDto> {
    return this.accounts.login({ document: documentOf(dto), password: dto.password }, client);
  }

  @Post('recover')
  @HttpCode(200)
  @RateLimited('holder-auth')
  @ApiOperation({
    summary: 'Forgot your password: set a new one with a recovery code and your document',
    description:
      'Takes one of the printed recovery codes given at sign-up, or an assisted code from an ' +
      'issuer or the registry. The code is spent, other sessions end, and you are signed in. ' +
      'Failures count and lock like failed sign-ins.',
  })
  @ApiOkResponse({ type: RecoveredDto })
  @ApiProblems('VALIDATION_FAILED', 'INVALID_RECOVERY_CODE', 'WEAK_PASSWORD', 'RATE_LIMITED')
  recover(@Body() dto: RecoverDto, @Ip() client: string): Promise<RecoveredDto> {
    return this.recovery.recover(
      { document: documentOf(dto), recoveryCode: dto.recoveryCode, password: dto.password },
      client,
    );
  }

  @Post('recovery-codes')
  @Auth('holder')
  @ApiOperation({
    summary: 'New printable recovery codes; the old ones stop working',
    description: 'Ten single-use codes, shown only in this answer. Audited.',
  })
  @ApiCreatedResponse({ type: RecoveryCodesDto })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN')
  async recoveryCodes(@CurrentHolder() holder: HolderPrincipal): Promise<RecoveryCodesDto> {
    return { recoveryCodes: await this.recovery.regenerate(holder.holderId) };
  }

  @Post('refresh')
  @HttpCode(200)
  @RateLimited('holder-auth')
  @ApiOperation({
    summary: 'Exchange a refresh token (once) for new tokens',
    description:
      'Exchanges a refresh token for a new access and refresh token; each refresh token works once, and a reused one ends the session.',
  })
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'RATE_LIMITED')
  refresh(@Body() dto: RefreshDto): Promise<SessionTokensDto> {
    return this.accounts.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Auth('holder')
  @ApiOperation({
    summary: 'End this session: its access and refresh tokens stop working',
    description: 'Ends the current session: its access and refresh tokens stop working.',
  })
  @ApiNoContentResponse()
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN')
  logout(@CurrentHolder() holder: HolderPrincipal): Promise<void> {
    return this.accounts.logout(holder.sessionId);
  }
}
