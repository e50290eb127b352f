import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { Optional, ValidateDate } from '../../../common/validation/validators.js';
import { CREDENTIAL_STATUSES, type CredentialStatus } from '../entities/credential.entity.js';

export class CredentialQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'CompetencyCertificationCredential' })
  @Optional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ApiPropertyOptional({ enum: CREDENTIAL_STATUSES })
  @Optional()
  @IsIn(CREDENTIAL_STATUSES)
  status?: CredentialStatus;

  @ValidateDate({ optional: true, description: 'Issued (validFrom) on or after this day' })
  issuedFrom?: string;

  @ValidateDate({ optional: true, description: 'Issued (validFrom) on or before this day' })
  issuedTo?: string;
}

export class CredentialSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty({ enum: ['di', 'jwt'] }) format: string;
  @ApiProperty({ enum: CREDENTIAL_STATUSES }) status: string;
  @ApiProperty({ description: 'Title, standard or decision' }) summary: string;
  @ApiProperty() validFrom: Date;
  @ApiProperty({ nullable: true, type: Date }) validUntil: Date | null;
  @ApiProperty() sha256: string;
  @ApiProperty() createdAt: Date;
}

export class CredentialPageDto {
  @ApiProperty({ type: [CredentialSummaryDto] }) items: CredentialSummaryDto[];
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
}

export class CredentialStatusChangeDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() reason: string;
  @ApiProperty() at: Date;
}

export class CredentialDetailDto extends CredentialSummaryDto {
  @ApiProperty({ oneOf: [{ type: 'object' }, { type: 'string' }] })
  verifiableCredential: Record<string, unknown> | string;
  @ApiProperty() verifyUrl: string;
  @ApiProperty({ type: [CredentialStatusChangeDto] }) statusHistory: CredentialStatusChangeDto[];
}
