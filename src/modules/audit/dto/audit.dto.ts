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
  @ApiProperty({ enum: ['PREV_HASH_MISMATCH', 'HASH_MISMATCH', 'SEQ_GAP'] }) reason: string;
}

export class AuditVerificationDto {
  @ApiProperty() intact: boolean;
  @ApiProperty() entries: number;
  @ApiProperty({ nullable: true, type: String }) lastSeq: string | null;
  @ApiProperty() lastHash: string;
  @ApiPropertyOptional({ type: ChainBreakDto }) firstBroken?: ChainBreakDto;
}
