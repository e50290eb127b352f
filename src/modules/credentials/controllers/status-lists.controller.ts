import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendCacheable } from '../../../common/http/conditional.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { StatusListsService } from '../services/status-lists.service.js';

@ApiTags('credentials')
@Controller('status-lists')
export class StatusListsController {
  constructor(private readonly statusLists: StatusListsService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'A signed BitstringStatusListCredential (revocation or suspension)',
    description:
      "A BitstringStatusListCredential signed by its issuer: the revocation or suspension bits of the credentials that point at it. Verifiers fetch it to read a credential's status.",
  })
  @ApiProduces('application/vc+ld+json', 'application/json')
  @ApiOkResponse({ description: 'The signed status list credential' })
  @ApiProblems('NOT_FOUND')
  async get(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { credential, etag } = await this.statusLists.published(id);
    res.set('Access-Control-Allow-Origin', '*');
    sendCacheable(req, res, {
      body: JSON.stringify(credential),
      etag,
      type: 'application/json',
      cacheControl: 'public, max-age=30',
    });
  }
}
