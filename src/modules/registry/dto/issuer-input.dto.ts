import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsUrl,
  ValidateIf,
} from 'class-validator';
import {
  Optional,
  ValidateCountry,
  ValidateDidKey,
  ValidateSlug,
  ValidateText,
} from '../../../common/validation/validators.js';
import {
  HOSTED_DID_METHODS,
  ISSUANCE_PROFILES,
  ISSUER_KINDS,
  ISSUER_STATUSES,
  type HostedDidMethod,
  type IssuanceProfile,
  type IssuerKind,
  type IssuerStatus,
} from '../registry.constants.js';

const PROFILE_DESCRIPTION =
  'ACCREDITED (default): our credential types, under the accreditation checks. OPEN: any well-formed VC 2.0 credential through POST /credentials/issue, recorded and verified as outside accreditation';

export class CreateIssuerDto {
  @ValidateSlug({ description: 'Permanent identifier; part of the issuer DID' })
  slug: string;

  @ValidateText(300)
  legalName: string;

  @ValidateCountry()
  country: string;

  @ApiProperty({ enum: ISSUER_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ISSUER_KINDS.length)
  @IsIn(ISSUER_KINDS, { each: true })
  kinds: IssuerKind[];

  @ValidateSlug({ optional: true, description: 'The issuer that authorises this one' })
  parent?: string;

  @ApiPropertyOptional({ example: 'https://example.org' })
  @Optional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string;

  @ValidateDidKey({
    optional: true,
    description:
      'For an issuer that keeps its own key elsewhere; omitted, the registry hosts a did:web and its keys',
  })
  did?: string;

  @ApiPropertyOptional({
    enum: HOSTED_DID_METHODS,
    description:
      "The DID the registry hosts for the issuer (without `did`): `web` (default), a did:web under this registry; `key`, a did:key whose credentials verify with no network at all, replaced by a new did:key at each key rotation (the old ones stay the issuer's)",
  })
  @Optional()
  @IsIn(HOSTED_DID_METHODS)
  didMethod?: HostedDidMethod;

  @ApiPropertyOptional({ enum: ISSUANCE_PROFILES, description: PROFILE_DESCRIPTION })
  @Optional()
  @IsIn(ISSUANCE_PROFILES)
  issuanceProfile?: IssuanceProfile;

  @ApiPropertyOptional({ description: 'A sandbox issuer, flagged as such in the trust list' })
  @Optional()
  @IsBoolean()
  sandbox?: boolean;
}

export class UpdateIssuerDto {
  @ValidateText(300, { optional: true })
  legalName?: string;

  @ApiPropertyOptional({ enum: ISSUER_KINDS, isArray: true })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ISSUER_KINDS, { each: true })
  kinds?: IssuerKind[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Parent slug, or null' })
  @ValidateIf((dto: UpdateIssuerDto) => dto.parent !== null && dto.parent !== undefined)
  @ValidateSlug({ optional: true })
  parent?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((dto: UpdateIssuerDto) => dto.website !== null && dto.website !== undefined)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  website?: string | null;

  @ApiPropertyOptional({ enum: ISSUANCE_PROFILES, description: PROFILE_DESCRIPTION })
  @Optional()
  @IsIn(ISSUANCE_PROFILES)
  issuanceProfile?: IssuanceProfile;

  @ApiPropertyOptional({ description: 'A sandbox issuer, flagged as such in the trust list' })
  @Optional()
  @IsBoolean()
  sandbox?: boolean;

  @ApiPropertyOptional({ enum: ISSUER_STATUSES, description: 'Suspend, reinstate or close' })
  @Optional()
  @IsIn(ISSUER_STATUSES)
  status?: IssuerStatus;

  @ApiPropertyOptional({ description: 'Required with a status change' })
  @ValidateIf((dto: UpdateIssuerDto) => dto.status !== undefined || dto.reason !== undefined)
  @ValidateText(1000)
  reason?: string;
}

export class CreateApiKeyDto {
  @ValidateText(200, { optional: true, description: 'What the key is for' })
  label?: string;
}

export class MarkKeyCompromisedDto {
  @ValidateText(1000)
  reason: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exposed since; defaults to now' })
  @Optional()
  @IsISO8601({ strict: true })
  since?: string;
}
