import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Ip,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../../../common/auth/auth.guard.js';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { pickLang } from '../../../common/i18n/i18n.js';
import { ClaimDto, documentOf } from '../dto/holder-auth.dto.js';
import {
  ClaimedDto,
  HolderCredentialDto,
  PdfQueryDto,
  VerifyLinkDto,
} from '../dto/holder-records.dto.js';
import { CurrentHolder, type HolderPrincipal } from '../holder-principal.js';
import { HolderClaimsService } from '../services/holder-claims.service.js';
import { HolderRecordsService, type CredentialFile } from '../services/holder-records.service.js';

const AUTH_PROBLEMS = ['UNAUTHORIZED', 'FORBIDDEN'] as const;

function sendFile(res: Response, file: CredentialFile): void {
  res
    .status(200)
    .set({
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    })
    .send(file.body);
}

@ApiTags('holder')
@Auth('holder')
@Controller('holder')
export class HolderCredentialsController {
  constructor(
    private readonly records: HolderRecordsService,
    private readonly claims: HolderClaimsService,
  ) {}

  @Get('credentials')
  @ApiOperation({
    summary: 'Every credential issued to you, under any of your documents',
    description:
      'Every credential issued to the holder, under any of their documents, with status and verify link.',
  })
  @ApiOkResponse({ type: [HolderCredentialDto] })
  @ApiProblems(...AUTH_PROBLEMS)
  list(@CurrentHolder() holder: HolderPrincipal): Promise<HolderCredentialDto[]> {
    return this.records.list(holder.holderId);
  }

  @Get('credentials/:id')
  @ApiOperation({
    summary: 'Download the signed credential as issued (JSON, or VC-JWT text)',
    description:
      "One of the holder's credentials, signed as issued: JSON for Data Integrity, `application/vc+jwt` text for a VC-JWT. Another holder's credential is 404.",
  })
  @ApiProduces('application/json', 'application/vc+jwt')
  @ApiOkResponse({ description: 'The verifiable credential, as an attachment' })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  async download(
    @CurrentHolder() holder: HolderPrincipal,
    @Param('id') id: string,
    @Res() res: Response,
  ): Promise<void> {
    sendFile(res, await this.records.download(holder.holderId, id));
  }

  @Get('credentials/:id/pdf')
  @ApiOperation({
    summary: 'A printable one-page PDF with a QR code of the verify link',
    description:
      'A printable one-page PDF of the credential, in the language asked for (`lang`: es, pt, en), with the QR code of its verify link.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF, as an attachment' })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS, 'NOT_FOUND')
  async pdf(
    @CurrentHolder() holder: HolderPrincipal,
    @Param('id') id: string,
    @Query() query: PdfQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const lang = pickLang(query.lang, acceptLanguage);
    sendFile(res, await this.records.pdf(holder.holderId, id, lang));
  }

  @Post('credentials/:id/verify-link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn the permanent verify link of a credential off or on',
    description:
      "Turns the credential's permanent verify link off (it then answers as unknown) or back on. Shares are not affected.",
  })
  @ApiOkResponse({ type: HolderCredentialDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS, 'NOT_FOUND')
  setVerifyLink(
    @CurrentHolder() holder: HolderPrincipal,
    @Param('id') id: string,
    @Body() dto: VerifyLinkDto,
  ): Promise<HolderCredentialDto> {
    return this.records.setVerifyLink(holder.holderId, id, dto.enabled);
  }

  @Post('claims')
  @RateLimited('holder-auth')
  @ApiOperation({
    summary: 'Link a credential issued under another of your documents, with its claim code',
    description:
      "Links to the account a credential issued under another document of the holder's, with that credential's claim code and document; the document joins the account.",
  })
  @ApiCreatedResponse({ type: ClaimedDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    'INVALID_CLAIM',
    ...AUTH_PROBLEMS,
    'DOCUMENT_OF_ANOTHER_ACCOUNT',
    'RATE_LIMITED',
  )
  claim(
    @CurrentHolder() holder: HolderPrincipal,
    @Body() dto: ClaimDto,
    @Ip() client: string,
  ): Promise<ClaimedDto> {
    return this.claims.claim(
      holder.holderId,
      { claimCode: dto.claimCode, document: documentOf(dto) },
      client,
    );
  }
}
