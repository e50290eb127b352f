import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn } from 'class-validator';
import { ValidateNestedObject, ValidateText } from '../../../common/validation/validators.js';

export class VcApiStatusEntryDto {
  @ApiProperty({ enum: ['BitstringStatusListEntry'] })
  @Equals('BitstringStatusListEntry')
  type: 'BitstringStatusListEntry';

  @ApiProperty({ enum: ['revocation', 'suspension'] })
  @IsIn(['revocation', 'suspension'])
  statusPurpose: 'revocation' | 'suspension';
}

/** W3C VC API `POST /credentials/status` (VCALM UpdateCredentialStatus). */
export class VcApiStatusRequestDto {
  @ApiProperty({
    description: "The credential's `id` (as issued), or the record id of /issuer/credentials",
    example: 'urn:uuid:0d3c6c9a-64a4-4b44-9d38-6c8e3b6a2f10',
  })
  @ValidateText(2000)
  credentialId: string;

  @ApiProperty({ type: VcApiStatusEntryDto, description: 'Which of its status entries to set' })
  @ValidateNestedObject(() => VcApiStatusEntryDto)
  credentialStatus: VcApiStatusEntryDto;

  @ApiProperty({
    description:
      'true sets the status (revokes, suspends); false clears it: a suspension is lifted, a revocation cannot be undone (409 ALREADY_REVOKED)',
  })
  @IsBoolean()
  status: boolean;
}

export class VcApiCredentialDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The credential as issued: Data Integrity, or VC-JOSE as an EnvelopedVerifiableCredential',
  })
  verifiableCredential: Record<string, unknown>;
}
