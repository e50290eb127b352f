import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../../../common/auth/auth.guard.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  CreatedShareDto,
  CreateShareDto,
  ShareDto,
  VerificationEventDto,
} from '../dto/holder-shares.dto.js';
import { CurrentHolder, type HolderPrincipal } from '../holder-principal.js';
import { HolderRightsService } from '../services/holder-rights.service.js';
import { SharesService } from '../../holder-shares/shares.service.js';

const AUTH_PROBLEMS = ['UNAUTHORIZED', 'FORBIDDEN'] as const;

@ApiTags('holder')
@Auth('holder')
@Controller('holder/shares')
export class HolderSharesController {
  constructor(
    private readonly shares: SharesService,
    private readonly rights: HolderRightsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Share some of your credentials through an expiring link and QR code',
    description:
      "Shares some of the holder's credentials through a link and QR code that expire (at most 365 days) and can be stopped; each check is recorded for the holder to see.",
  })
  @ApiCreatedResponse({ type: CreatedShareDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS, 'NOT_FOUND', 'INVALID_DATE_RANGE')
  create(
    @CurrentHolder() holder: HolderPrincipal,
    @Body() dto: CreateShareDto,
  ): Promise<CreatedShareDto> {
    return this.shares.create(holder.holderId, {
      credentialIds: dto.credentialIds,
      expiresAt: new Date(dto.expiresAt),
      label: dto.label,
    });
  }

  @Get()
  @ApiOperation({
    summary: 'Your shares, newest first',
    description:
      "The holder's shares, newest first, with their credentials, expiry and whether they were stopped.",
  })
  @ApiOkResponse({ type: [ShareDto] })
  @ApiProblems(...AUTH_PROBLEMS)
  list(@CurrentHolder() holder: HolderPrincipal): Promise<ShareDto[]> {
    return this.shares.list(holder.holderId);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Stop a share at once',
    description: 'Stops a share at once: its link answers that the holder stopped sharing.',
  })
  @ApiNoContentResponse()
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  revoke(@CurrentHolder() holder: HolderPrincipal, @Param('id') id: string): Promise<void> {
    return this.shares.revoke(holder.holderId, id);
  }

  @Get(':id/events')
  @ApiOperation({
    summary: 'When, for which country and purpose, and with what outcome it was checked',
    description:
      'Each check of a share: when, for which country and purpose, and the outcome; never who checked.',
  })
  @ApiOkResponse({ type: [VerificationEventDto] })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  events(
    @CurrentHolder() holder: HolderPrincipal,
    @Param('id') id: string,
  ): Promise<VerificationEventDto[]> {
    return this.rights.shareEvents(holder.holderId, id);
  }
}
