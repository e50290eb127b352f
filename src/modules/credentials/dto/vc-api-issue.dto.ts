import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsISO8601, IsObject } from 'class-validator';
import { Optional, ValidateNestedObject } from '../../../common/validation/validators.js';

export class VcApiCredentialStatusOptionDto {
  @ApiProperty({ enum: ['BitstringStatusListEntry'] })
  @Equals('BitstringStatusListEntry')
  type: 'BitstringStatusListEntry';
}

export class VcApiIssueOptionsDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: "The proof's created time; now by default",
  })
  @Optional()
  @IsISO8601({ strict: true })
  created?: string;

  @ApiPropertyOptional({
    type: VcApiCredentialStatusOptionDto,
    description: 'Status entries (revocation and suspension) are always added',
  })
  @Optional()
  @ValidateNestedObject(() => VcApiCredentialStatusOptionDto)
  credentialStatus?: VcApiCredentialStatusOptionDto;
}

export class VcApiIssueRequestDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "An unsigned VC Data Model 2.0 credential of one of our types, issued by the caller's DID (as a string or `{id}`). We add our context if it is missing, `id` if there is none, `credentialSchema` and the `credentialStatus` entries.",
    example: {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
      issuer: 'did:web:localhost%3A3000:issuers:co-ens',
      validFrom: '2022-05-10T00:00:00Z',
      credentialSubject: { name: { givenNames: 'María', familyNames: 'Demo Rivas' } },
    },
  })
  @IsObject()
  credential: Record<string, unknown>;

  @ApiPropertyOptional({ type: VcApiIssueOptionsDto })
  @Optional()
  @ValidateNestedObject(() => VcApiIssueOptionsDto)
  options?: VcApiIssueOptionsDto;
}

export class VcApiIssueResponseDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The signed credential' })
  verifiableCredential: Record<string, unknown>;
}
