import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ISSUANCE_PROFILES,
  ISSUER_KINDS,
  ISSUER_STATUSES,
  KEY_STATUSES,
} from '../registry.constants.js';

export class StatusChangeDto {
  @ApiProperty({ enum: ISSUER_STATUSES, nullable: true }) from: string | null;
  @ApiProperty({ enum: ISSUER_STATUSES }) to: string;
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'admin' }) actor: string;
  @ApiProperty() reason: string;
}

export class AccreditationDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: [String] }) credentialTypes: string[];
  @ApiProperty({ nullable: true, type: String }) framework: string | null;
  @ApiProperty({ nullable: true, type: Number }) minLevel: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxLevel: number | null;
  @ApiProperty({ type: [String] }) iscedFields: string[];
  @ApiProperty({ type: [String] }) occupations: string[];
  @ApiProperty({ type: [String] }) standards: string[];
  @ApiProperty({ type: [String] }) jurisdiction: string[];
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validUntil: string | null;
  @ApiProperty() accreditedBy: string;
  @ApiProperty({ nullable: true, type: String }) legalReference: string | null;
  @ApiProperty({ description: 'In force today' }) current: boolean;
  @ApiProperty({ nullable: true, type: Date }) endedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) endReason: string | null;
}

export class IssuerKeyDto {
  @ApiProperty({ example: 'key-1' }) keyId: string;
  @ApiProperty({ description: 'The DID the key belongs to' }) did: string;
  @ApiProperty() verificationMethodId: string;
  @ApiProperty() publicKeyMultibase: string;
  @ApiProperty({ enum: KEY_STATUSES }) status: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) retiredAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) compromisedAt: Date | null;
}

export class IssuerDidDto {
  @ApiProperty() did: string;
  @ApiProperty({ description: 'When the issuer began to use it' }) since: Date;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'When a rotation replaced it (a hosted did:key); null while current',
  })
  until: Date | null;
}

export class IssuerDto {
  @ApiProperty({ example: 'co-ens' }) slug: string;
  @ApiProperty() legalName: string;
  @ApiProperty({ example: 'CO' }) country: string;
  @ApiProperty({ enum: ISSUER_KINDS, isArray: true }) kinds: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Parent issuer slug' }) parent:
    string | null;
  @ApiProperty({ example: 'did:web:localhost%3A3000:issuers:co-ens', description: 'Current DID' })
  did: string;
  @ApiProperty({
    type: [IssuerDidDto],
    description:
      'Every DID the issuer has used, oldest first: its credentials name any of them as issuer',
  })
  dids: IssuerDidDto[];
  @ApiProperty({
    enum: ISSUANCE_PROFILES,
    description:
      'ACCREDITED: our credential types under accreditation; OPEN: any VC 2.0 credential, outside accreditation',
  })
  issuanceProfile: string;
  @ApiProperty({ description: 'A sandbox issuer, for trying the standard APIs; not accredited' })
  sandbox: boolean;
  @ApiProperty({ enum: ISSUER_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) website: string | null;
  @ApiProperty({ type: [StatusChangeDto] }) statusHistory: StatusChangeDto[];
  @ApiProperty({ type: [AccreditationDto], description: 'Current and past' })
  accreditations: AccreditationDto[];
  @ApiProperty({ type: [IssuerKeyDto] }) keys: IssuerKeyDto[];
  @ApiProperty() createdAt: Date;
}

export class IssuerPageDto {
  @ApiProperty({ type: [IssuerDto] }) items: IssuerDto[];
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty() total: number;
}

export class ApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'rck_AbC123' }) displayPrefix: string;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown only in this response; store it now.' })
  apiKey: string;
}

export class DidDocumentDto {
  @ApiProperty({ name: '@context', type: [String] }) '@context': string[];
  @ApiProperty() id: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) verificationMethod: object[];
  @ApiProperty({ type: [String] }) assertionMethod: string[];
  @ApiPropertyOptional({ type: [String] }) authentication: string[];
}
