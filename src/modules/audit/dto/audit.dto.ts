import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Return entries after this sequence number', default: '0' })
  @Optional()
  @Matches(/^\d{1,18}$/)
  after: string = '0';

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}

export class AuditEventDto {
  @ApiProperty() seq: string;
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'admin' }) actor: string;
  @ApiProperty({ example: 'issuer.created' }) action: string;
  @ApiProperty({ example: 'issuer:co-ens' }) subject: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page' })
  next: string | null;
}

class ChainBreakDto {
  @ApiProperty() seq: string;
  @ApiProperty({
    enum: [
      'PREV_HASH_MISMATCH',
      'HASH_MISMATCH',
      'SEQ_GAP',
      'CHECKPOINT_MISMATCH',
      'ENTRIES_MISSING',
    ],
    description:
      'CHECKPOINT_MISMATCH: the entry a checkpoint signed has another hash now (entries after the previous matching checkpoint were rewritten); ENTRIES_MISSING: the chain ends before the newest checkpoint (its tail was deleted)',
  })
  reason: string;
  @ApiPropertyOptional({ description: 'The checkpoint the chain contradicts' })
  checkpointSeq?: string;
}

class CheckpointRefDto {
  @ApiProperty() id: string;
  @ApiProperty() seq: string;
  @ApiProperty() hash: string;
  @ApiProperty() at: Date;
}

export class AuditVerificationDto {
  @ApiProperty() intact: boolean;
  @ApiProperty({ description: 'Entries from the first through `intactThrough`' })
  entries: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The last entry vouched intact: its links check and so do the checkpoints up to it; null when none is',
  })
  intactThrough: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The last entry checked (links and checkpoints) before the first break',
  })
  lastSeq: string | null;
  @ApiProperty() lastHash: string;
  @ApiPropertyOptional({ type: ChainBreakDto }) firstBroken?: ChainBreakDto;
  @ApiProperty({
    type: CheckpointRefDto,
    nullable: true,
    description: 'The newest signed checkpoint; the chain is checked against every checkpoint',
  })
  latestCheckpoint: CheckpointRefDto | null;
}
