import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../common/auth/auth.guard.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditVerificationService } from './audit-verification.service.js';
import { AuditPageDto, AuditQueryDto, AuditVerificationDto } from './dto/audit.dto.js';

@ApiTags('admin: audit')
@Auth('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly verification: AuditVerificationService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Page through the audit log, oldest first',
    description:
      'The hash-chained audit log, oldest first: the entries after a sequence number (`after`), at most `limit`. Entries never hold secrets, document numbers nor claim codes.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems('VALIDATION_FAILED', 'UNAUTHORIZED', 'FORBIDDEN')
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const items = await this.audit.list(query.after, query.limit);
    return { items, next: items.length === query.limit ? (items.at(-1)?.seq ?? null) : null };
  }

  @Get('verify')
  @ApiOperation({
    summary:
      'Recompute the hash chain, check it against the signed checkpoints, and report the intact prefix and the first broken link',
    description:
      "Recomputes every entry's hash from the start, compares the chain with the signed checkpoints, and reports how far it is intact and, if anywhere, the first entry that does not link.",
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN', 'DATABASE_UNAVAILABLE')
  verify(): Promise<AuditVerificationDto> {
    return this.verification.verify();
  }
}
