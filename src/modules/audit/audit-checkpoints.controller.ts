import { Controller, Get, Header, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Auth } from '../../common/auth/auth.guard.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import type { DidDocument } from '../../vc/did.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';
import { AuditSigningKeyService } from './audit-signing-key.service.js';
import {
  AuditCheckpointDto,
  AuditCheckpointPageDto,
  AuditCheckpointQueryDto,
  RegistryDidDocumentDto,
} from './dto/audit-checkpoint.dto.js';

@ApiTags('audit checkpoints')
@Controller()
export class AuditCheckpointsController {
  constructor(
    private readonly checkpoints: AuditCheckpointsService,
    private readonly key: AuditSigningKeyService,
  ) {}

  @Get('audit/checkpoints')
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOperation({
    summary: 'Signed checkpoints of the audit chain, newest first',
    description:
      "Each one names an audit entry and its hash at a time, signed as a credential by the registry's DID. Keep copies: a later rewrite of the chain cannot match them.",
  })
  @ApiOkResponse({ type: AuditCheckpointPageDto })
  @ApiProblems('VALIDATION_FAILED', 'DATABASE_UNAVAILABLE')
  async list(@Query() query: AuditCheckpointQueryDto): Promise<AuditCheckpointPageDto> {
    const items = await this.checkpoints.list(query.before, query.limit);
    return {
      issuer: this.key.did,
      items,
      next: items.length === query.limit ? (items.at(-1)?.id ?? null) : null,
    };
  }

  @Get('registry/did.json')
  @Header('Cache-Control', 'public, max-age=60')
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOperation({
    summary: "The registry's own did:web DID document (it signs audit checkpoints)",
    description:
      'The did:web DID document of the registry itself, whose key signs the audit checkpoints (`GET /audit/checkpoints`).',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: RegistryDidDocumentDto })
  @ApiProblems('DATABASE_UNAVAILABLE')
  didDocument(): Promise<DidDocument> {
    return this.key.didDocument();
  }

  @Post('admin/audit/checkpoints')
  @Auth('admin')
  @ApiTags('admin: audit')
  @ApiOperation({
    summary: "Sign a checkpoint of the audit chain's head now",
    description:
      'Signs the current head of the audit chain now, besides the periodic checkpoints. 409 AUDIT_CHAIN_BROKEN when the chain does not verify: a broken chain is never signed.',
  })
  @ApiCreatedResponse({ type: AuditCheckpointDto })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN', 'AUDIT_CHAIN_BROKEN', 'DATABASE_UNAVAILABLE')
  create(): Promise<AuditCheckpointDto> {
    return this.checkpoints.checkpoint('admin');
  }
}
