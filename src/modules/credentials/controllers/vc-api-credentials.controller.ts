import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { VcApiCredentialDto, VcApiStatusRequestDto } from '../dto/vc-api-credentials.dto.js';
import { VcApiCredentialsService } from '../services/vc-api-credentials.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;
const AUTH_PROBLEMS = ['UNAUTHORIZED', 'FORBIDDEN', 'ISSUER_SUSPENDED', 'ISSUER_CLOSED'] as const;
const ID_PARAM = {
  name: 'id',
  description: "The credential's id as issued (URL-encoded), or its record id",
};

/** W3C VC API (VCALM): status update, get and delete of the caller issuer's own credentials. */
@ApiTags('vc-api')
@Auth('issuer')
@Controller('credentials')
export class VcApiCredentialsController {
  constructor(private readonly credentials: VcApiCredentialsService) {}

  @Post('status')
  @IssuerRoute('write:/credentials/status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'W3C VC API: set or clear the revocation or suspension status of your credential',
    description:
      'Setting a status already set, or clearing one already clear, changes nothing. A revocation cannot be undone (409); clearing a suspension reinstates the credential. Another issuer’s credential is 404.',
  })
  @ApiOkResponse({ description: 'The status is as asked' })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS, 'NOT_FOUND', 'ALREADY_REVOKED')
  async updateStatus(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Body() request: VcApiStatusRequestDto,
  ): Promise<Record<string, never>> {
    await this.credentials.updateStatus(issuer, request);
    return {};
  }

  @Get(':id')
  @IssuerRoute('read:/credentials')
  @ApiOperation({
    summary: 'W3C VC API: one of your credentials, as issued',
    description:
      "W3C VC API get: one of the calling issuer's credentials by its `id` as issued (or our record id), as issued. A withdrawn credential or another issuer's is 404.",
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: VcApiCredentialDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  async get(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
  ): Promise<VcApiCredentialDto> {
    return { verifiableCredential: await this.credentials.get(issuer, id) };
  }

  @Delete(':id')
  @IssuerRoute('write:/credentials/status')
  @HttpCode(202)
  @ApiOperation({
    summary: 'W3C VC API: withdraw one of your credentials',
    description:
      'It is revoked (for good) and no longer served by GET /credentials/{id}; the registry keeps its record and audit trail.',
  })
  @ApiParam(ID_PARAM)
  @ApiAcceptedResponse({ description: 'Withdrawn' })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  async withdraw(@CurrentIssuer() issuer: IssuerPrincipal, @Param('id') id: string): Promise<void> {
    await this.credentials.withdraw(issuer, id);
  }
}
