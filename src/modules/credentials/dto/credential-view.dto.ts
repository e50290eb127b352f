import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { Optional, ValidateDate, ValidateText } from '../../../common/validation/validators.js';
import { CREDENTIAL_TYPES } from '../../../vc/schemas.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../holder-identity/holder-identity.js';
import { CREDENTIAL_STATUSES, type CredentialStatus } from '../entities/credential.entity.js';

export class CredentialQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'CompetencyCertificationCredential',
    description: `One of ${CREDENTIAL_TYPES.join(', ')}; or, for an issuer under the OPEN profile, the last type its credentials carry`,
  })
  @Optional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ValidateText(100, {
    optional: true,
    description:
      "A part of the holder's names (given or family), case and accents aside: `perez` finds Pérez. Never logged.",
  })
  holderName?: string;

  @ApiPropertyOptional({
    enum: DOCUMENT_TYPES,
    description:
      'With documentCountry and documentNumber: credentials of the holder known by this document',
  })
  @Optional()
  @IsIn(DOCUMENT_TYPES)
  documentType?: DocumentType;

  @ApiPropertyOptional({
    example: 'VE',
    description: 'ISO 3166-1 alpha-2 code of the issuing country',
  })
  @Optional()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: '$property must be a two-letter country code' })
  documentCountry?: string;

  @ApiPropertyOptional({
    example: 'V-12345678',
    description:
      'As printed; spaces, dots and dashes do not matter. Only its keyed hash is looked up; never stored nor logged.',
  })
  @Optional()
  @IsString()
  @Length(1, 64)
  @Matches(/[\p{L}\p{N}]/u, { message: '$property must contain a letter or a digit' })
  documentNumber?: string;

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
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The names of the holder the credential was issued to; null when issued without a holder (VC API) or after the holder erased their data',
    example: 'Elena Demo Ruiz',
  })
  holderName: string | null;
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
