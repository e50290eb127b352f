import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  Optional,
  ValidateCountry,
  ValidateNestedObject,
  ValidateText,
} from '../../../common/validation/validators.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../holder-identity/holder-identity.js';
import { StatisticsAnnexDto } from '../../statistics/dto/statistics-annex.dto.js';
import { CREDENTIAL_TYPES } from '../../../vc/schemas.js';
import { ISSUANCE_FORMATS, type IssuanceFormat } from '../services/open-badges.service.js';

export class HolderDocumentDto {
  @ApiProperty({ enum: DOCUMENT_TYPES })
  @IsIn(DOCUMENT_TYPES)
  type: DocumentType;

  @ValidateCountry({ description: 'Issuing country of the document' })
  country: string;

  @ApiProperty({
    description: 'Used only to find the holder; never stored, never in the credential',
  })
  @IsString()
  @MaxLength(40)
  number: string;
}

export class HolderInputDto {
  @ApiProperty({
    type: [HolderDocumentDto],
    description: 'The first is the one the credential names',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => HolderDocumentDto)
  documents: HolderDocumentDto[];

  @ValidateText(200)
  givenNames: string;

  @ValidateText(200)
  familyNames: string;
}

export class IssueCredentialDto {
  @ApiProperty({
    enum: CREDENTIAL_TYPES,
    example: 'CompetencyCertificationCredential',
    description:
      'The credential type; its subject is described by `GET /schemas/<type>.json`. The issuer must be accredited for it.',
  })
  @IsString()
  @MaxLength(100)
  type: string;

  @ApiProperty({ type: HolderInputDto })
  @IsDefined()
  @ValidateNestedObject(() => HolderInputDto)
  holder: HolderInputDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The credentialSubject fields of the type (see GET /schemas/<type>.json), without name and identityDocument',
  })
  @IsObject()
  subject: Record<string, unknown>;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now' })
  @Optional()
  @IsISO8601({ strict: true })
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @Optional()
  @IsISO8601({ strict: true })
  validUntil?: string;

  @ApiPropertyOptional({
    enum: ISSUANCE_FORMATS,
    default: 'di',
    description:
      '`di`: Data Integrity proof (`eddsa-rdfc-2022`); `jwt`: VC-JOSE (`vc+jwt`); `openbadges-3.0`: the same certification as an Open Badges 3.0 `OpenBadgeCredential` (1EdTech OB 3.0 JSON Schema, Data Integrity `eddsa-rdfc-2022`), for `CompetencyCertificationCredential` (achievementType `Competency`) and `AcademicTitleCredential` (`Certificate`) only. An Open Badge carries one status entry (revocation) and cannot be suspended. See docs/domain.md for the mapping.',
  })
  @Optional()
  @IsIn(ISSUANCE_FORMATS)
  format?: IssuanceFormat;

  @ApiPropertyOptional({
    type: StatisticsAnnexDto,
    description:
      'For statistics only: never signed into the credential nor shown to a verifier; stored pseudonymised and counted only while the holder consents',
  })
  @Optional()
  @ValidateNestedObject(() => StatisticsAnnexDto)
  statistics?: StatisticsAnnexDto;
}

export class IssuedCredentialDto {
  @ApiProperty() id: string;
  @ApiProperty({
    oneOf: [{ type: 'object' }, { type: 'string' }],
    description: 'The signed credential (Data Integrity) or the compact VC-JWT',
  })
  verifiableCredential: Record<string, unknown> | string;
  @ApiProperty({ description: 'One-time code for the holder to claim the credential' })
  claimCode: string;
  @ApiProperty() verifyUrl: string;
}

export class StatusChangeInputDto {
  @ValidateText(1000)
  reason: string;
}

export class ClaimCodeReissueInputDto {
  @ApiProperty({ description: 'Why the first code cannot be used (kept in the audit log)' })
  @ValidateText(1000)
  reason: string;
}

export class ReissuedClaimCodeDto {
  @ApiProperty() credentialId: string;
  @ApiProperty({
    description: 'The new one-time claim code; the previous one no longer works',
  })
  claimCode: string;
}
