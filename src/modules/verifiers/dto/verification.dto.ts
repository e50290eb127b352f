import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { Optional, ValidateCountry, ValidateDate } from '../../../common/validation/validators.js';
import { LANGS } from '../../../common/i18n/i18n.js';

export class VerificationRequestDto {
  @ApiPropertyOptional({
    oneOf: [{ type: 'object' }, { type: 'string' }],
    description: 'A credential with a Data Integrity proof, or a compact VC-JWT',
  })
  @ValidateIf((dto: VerificationRequestDto) => dto.token === undefined)
  @IsNotEmpty()
  verifiableCredential?: Record<string, unknown> | string;

  @ApiPropertyOptional({ description: 'The token of a verify or share link (the part after /v/)' })
  @ValidateIf((dto: VerificationRequestDto) => dto.verifiableCredential === undefined)
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{16,64}$/)
  token?: string;

  @ValidateCountry({ optional: true, description: 'Where the credential is to be used' })
  destinationCountry?: string;

  @ApiPropertyOptional({ example: 'EMPLOYMENT' })
  @Optional()
  @IsString()
  @MaxLength(40)
  purpose?: string;

  @ValidateDate({ optional: true, description: 'The date to judge at; default today' })
  date?: string;
}

export class VcApiVerifyDto {
  @ApiProperty({ oneOf: [{ type: 'object' }, { type: 'string' }] })
  @IsNotEmpty()
  verifiableCredential: Record<string, unknown> | string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @Optional()
  options?: Record<string, unknown>;
}

export class VcApiVerifyPresentationDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsNotEmpty()
  verifiablePresentation: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @Optional()
  options?: Record<string, unknown>;
}

export class VerifyPageQueryDto {
  @ApiPropertyOptional({ enum: LANGS })
  @Optional()
  @IsIn(LANGS)
  lang?: string;

  @ValidateCountry({ optional: true })
  country?: string;

  @ApiPropertyOptional({ example: 'EMPLOYMENT' })
  @Optional()
  @IsString()
  @MaxLength(40)
  purpose?: string;
}

class CheckDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['passed', 'failed', 'skipped'] }) status: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class VerificationResponseDto {
  @ApiProperty() verified: boolean;
  @ApiProperty({ enum: ['VALID', 'REVOKED', 'SUSPENDED', 'EXPIRED', 'INVALID'] }) status: string;
  @ApiProperty({ type: [CheckDto] }) checks: CheckDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the credential says: type, issuer, holder name, title, level, dates',
  })
  credential: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'When a destination country is given',
  })
  recognition?: Record<string, unknown>;
}

export class VcApiVerifyResponseDto {
  @ApiProperty() verified: boolean;
  @ApiProperty({ type: [String] }) checks: string[];
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty({ type: [String] }) errors: string[];
}
