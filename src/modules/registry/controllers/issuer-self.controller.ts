import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import {
  ApiProblems,
  ISSUER_AUTH_PROBLEMS,
} from '../../../common/openapi/api-problems.decorator.js';
import { IssuerDto } from '../dto/issuer-view.dto.js';
import { RegistryService } from '../registry.service.js';

@ApiTags('issuer')
@Auth('issuer')
@Controller('issuer')
export class IssuerSelfController {
  constructor(private readonly registry: RegistryService) {}

  @Get('me')
  @IssuerRoute('read:/issuer')
  @ApiOperation({
    summary: "The calling issuer's own registry entry (checks an API key or access token)",
    description:
      "The registry entry of the issuer the API key or access token belongs to: a cheap way to check credentials and see the issuer's status and accreditations.",
  })
  @ApiOkResponse({ type: IssuerDto })
  @ApiProblems(...ISSUER_AUTH_PROBLEMS)
  me(@CurrentIssuer() issuer: Extract<Principal, { kind: 'issuer' }>): Promise<IssuerDto> {
    return this.registry.entry(issuer.slug);
  }
}
