import { Controller, Header, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { OAuthErrorDto, TokenRequestFormDto, TokenResponseDto } from '../dto/oauth.dto.js';
import { OAuthTokensService } from '../services/oauth-tokens.service.js';
import { NO_STORE, OAuthErrorFilter } from './oauth-error.filter.js';

@ApiTags('oauth')
@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class OAuthTokenController {
  constructor(private readonly tokens: OAuthTokensService) {}

  @Post('token')
  @HttpCode(200)
  @RateLimited('oauth-token')
  @Header('Cache-Control', NO_STORE['Cache-Control'])
  @Header('Pragma', NO_STORE.Pragma)
  @ApiOperation({
    summary:
      'OAuth 2.0 client credentials grant (RFC 6749 §4.4): an access token for issuer routes',
    description:
      'Authenticate the client with HTTP Basic (RFC 6749 §2.3.1) or with `client_id` and `client_secret` in the form, never both. `scope` is required: space-separated scopes the client was given (see the `oauth2` security scheme). `audience`, when given, must be this instance. The token is a JWT (RFC 9068, EdDSA) for `Authorization: Bearer` on the issuer routes. Refusals are RFC 6749 §5.2 JSON (`error`, `error_description`), not problem+json; a rate limit or a client locked after repeated wrong secrets is 429 problem+json.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TokenRequestFormDto })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiBadRequestResponse({
    type: OAuthErrorDto,
    description: 'invalid_request, unsupported_grant_type, invalid_scope, unauthorized_client',
  })
  @ApiUnauthorizedResponse({
    type: OAuthErrorDto,
    description: 'invalid_client (with `WWW-Authenticate: Basic` when Basic was tried)',
  })
  @ApiProblems('RATE_LIMITED')
  token(@Req() req: Request): Promise<TokenResponseDto> {
    return this.tokens.grant({
      contentType: req.get('content-type'),
      authorization: req.get('authorization'),
      body: req.body,
    });
  }
}
