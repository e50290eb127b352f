import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import {
  DOCUMENT_TYPES,
  type DocumentInput,
  type DocumentType,
} from '../../holder-identity/holder-identity.js';
import { ValidateText } from '../../../common/validation/validators.js';
import {
  RECOVERY_CODE_KINDS,
  type RecoveryCodeKind,
} from '../entities/holder-recovery-code.entity.js';

/** The document a person is known by, typed as printed on it. */
export class DocumentFieldsDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'PPT' })
  @IsIn(DOCUMENT_TYPES)
  documentType: DocumentType;

  @ApiProperty({ example: 'CO', description: 'ISO 3166-1 alpha-2 code of the issuing country' })
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: '$property must be a two-letter country code' })
  documentCountry: string;

  @ApiProperty({
    example: 'DEMO-PPT-0001',
    description: 'As printed; spaces, dots and dashes do not matter. Never stored nor returned.',
  })
  @IsString()
  @Length(1, 64)
  @Matches(/[\p{L}\p{N}]/u, { message: '$property must contain a letter or a digit' })
  documentNumber: string;
}

export const documentOf = (dto: DocumentFieldsDto): DocumentInput => ({
  type: dto.documentType,
  country: dto.documentCountry,
  number: dto.documentNumber,
});

export class RegisterDto extends DocumentFieldsDto {
  @ApiProperty({
    example: 'K7Q2-9MXA-3RTB-V0CE',
    description: 'The code printed with a credential',
  })
  @IsString()
  @Length(1, 64)
  claimCode: string;

  @ApiProperty({ description: 'At least 10 characters and hard to guess; a phrase works well' })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class LoginDto extends DocumentFieldsDto {
  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  refreshToken: string;
}

export class ClaimDto extends DocumentFieldsDto {
  @ApiProperty({ example: 'K7Q2-9MXA-3RTB-V0CE' })
  @IsString()
  @Length(1, 64)
  claimCode: string;
}

export class SessionTokensDto {
  @ApiProperty({
    description: 'Bearer token for the holder API (a JWT, good for expiresIn seconds)',
  })
  accessToken: string;
  @ApiProperty({ description: 'Single use: exchange it at /holder/refresh for new tokens' })
  refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ example: 900 }) expiresIn: number;
}

export class RegisteredDto extends SessionTokensDto {
  @ApiProperty({ description: 'The credential whose claim code opened the account' })
  credentialId: string;

  @ApiProperty({
    type: [String],
    description: 'Ten single-use codes that reset the password; shown only this once: print them',
  })
  recoveryCodes: string[];
}

export class RecoverDto extends DocumentFieldsDto {
  @ApiProperty({
    example: 'K7Q2-9MXA-3RTB-V0CE',
    description:
      'One of your printed recovery codes, or an assisted code an issuer or the registry gave you',
  })
  @IsString()
  @Length(1, 64)
  recoveryCode: string;

  @ApiProperty({ description: 'Your new password: at least 10 characters and hard to guess' })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class RecoveredDto extends SessionTokensDto {
  @ApiProperty({ enum: RECOVERY_CODE_KINDS, example: 'PERSONAL' })
  recoveredWith: RecoveryCodeKind;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The credential an assisted code brought into the account; null otherwise',
  })
  credentialId: string | null;
}

export class RecoveryCodesDto {
  @ApiProperty({
    type: [String],
    example: ['K7Q2-9MXA-3RTB-V0CE', '3FHN-8W2D-QPZ5-M1TK'],
    description: 'Single-use codes that reset your password; shown only this once',
  })
  recoveryCodes: string[];
}

export class AssistedRecoveryInputDto extends DocumentFieldsDto {
  @ValidateText(1000, {
    description:
      'How the person’s identity was checked, and why (kept in the audit log). The document ' +
      'fields are the document you checked: the one the credential was issued under',
  })
  reason: string;
}

export class AssistedRecoveryCodeDto {
  @ApiProperty({ example: 'Q4MB-7ZRE-0KXN-2DHV', description: 'Single use; give it to the person' })
  recoveryCode: string;
  @ApiProperty({ example: '2026-12-05T12:00:00.000Z' })
  expiresAt: Date;
}
