import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';
import { LANGS, type Lang } from '../../../common/i18n/i18n.js';

export class DocumentViewDto {
  @ApiProperty({ example: 'PPT' }) type: string;
  @ApiProperty({ example: 'CO' }) country: string;
  @ApiProperty({ example: '0001', description: 'The last four characters, never the number' })
  last4: string;
}

export class CredentialIssuerDto {
  @ApiProperty({ nullable: true, type: String }) slug: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
}

export class HolderCredentialDto {
  @ApiProperty() id: string;
  @ApiProperty() type: string;
  @ApiProperty({
    enum: ['di', 'jwt', 'openbadges-3.0'],
    description: '`openbadges-3.0`: an Open Badges 3.0 credential, secured as `di`',
  })
  format: string;
  @ApiProperty({ enum: ['ACTIVE', 'SUSPENDED', 'REVOKED'] }) status: string;
  @ApiProperty() expired: boolean;
  @ApiProperty({ description: 'Title, standard or decision' }) summary: string;
  @ApiProperty({ type: CredentialIssuerDto }) issuer: CredentialIssuerDto;
  @ApiProperty() validFrom: Date;
  @ApiProperty({ nullable: true, type: Date }) validUntil: Date | null;
  @ApiProperty() issuedAt: Date;
  @ApiProperty({ type: DocumentViewDto, nullable: true }) document: DocumentViewDto | null;
  @ApiProperty({ description: 'The permanent verify link printed on the certificate' })
  verifyUrl: string;
  @ApiProperty() verifyLinkEnabled: boolean;
}

export class PdfQueryDto {
  @ApiPropertyOptional({ enum: LANGS, description: 'Default: Accept-Language, then Spanish' })
  @Optional()
  @IsIn(LANGS)
  lang?: Lang;
}

export class VerifyLinkDto {
  @ApiProperty({ description: 'false turns the permanent verify link off; true turns it back on' })
  @IsBoolean()
  enabled: boolean;
}

export class ClaimedDto {
  @ApiProperty() credentialId: string;
  @ApiProperty({ type: DocumentViewDto }) document: DocumentViewDto;
}
