import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';

export class AuditCheckpointQueryDto {
  @ApiPropertyOptional({ description: 'Return checkpoints older than this id (newest first)' })
  @Optional()
  @Matches(/^\d{1,18}$/)
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}

export class AuditCheckpointDto {
  @ApiProperty({ example: '12' }) id: string;
  @ApiProperty({ description: 'The audit entry covered; "0" for the empty chain', example: '4096' })
  seq: string;
  @ApiProperty({ description: "That entry's hash (SHA-256, hex)" })
  hash: string;
  @ApiProperty({ description: 'When the checkpoint was signed' })
  at: Date;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The checkpoint as a verifiable credential (`AuditCheckpointCredential`), Data Integrity `eddsa-rdfc-2022`, issued by the registry's DID",
  })
  credential: Record<string, unknown>;
}

export class AuditCheckpointPageDto {
  @ApiProperty({ description: "The registry's DID, which signs the checkpoints" })
  issuer: string;
  @ApiProperty({ type: [AuditCheckpointDto] }) items: AuditCheckpointDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next page' })
  next: string | null;
}

export class RegistryDidDocumentDto {
  @ApiProperty({ name: '@context', type: [String] }) '@context': string[];
  @ApiProperty({ example: 'did:web:reconoce.example:registry' }) id: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) verificationMethod: object[];
  @ApiProperty({ type: [String] }) assertionMethod: string[];
  @ApiProperty({ type: [String] }) authentication: string[];
}
