import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { Optional, ValidateCountry, ValidateDate } from '../../../common/validation/validators.js';
import { LANGS } from '../../../common/i18n/i18n.js';
import { PURPOSES } from '../../recognition/recognition.constants.js';

export class VerificationRequestDto {
  @ApiPropertyOptional({
    oneOf: [{ type: 'object' }, { type: 'string' }],
    description: 'A credential with a Data Integrity proof, or a compact VC-JWT',
  })
  @ValidateIf((dto: VerificationRequestDto) => dto.token === undefined)
  @IsNotEmpty()
  verifiableCredential?: Record<string, unknown> | string;

  @ApiPropertyOptional({ description: 'The token of a verify or share link (the part after /v/)' })
  // Checked whenever sent, also beside a credential: a number here once reached the link lookup.
  @ValidateIf(
    (dto: VerificationRequestDto) =>
      dto.token !== undefined || dto.verifiableCredential === undefined,
  )
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{16,64}$/)
  token?: string;

  @ValidateCountry({
    optional: true,
    description:
      'Where the credential is to be used (ISO 3166-1 alpha-2): asks for the recognition answer. ' +
      'The same name as the `country` query parameter of `/v/{token}`',
  })
  country?: string;

  @ValidateCountry({
    optional: true,
    deprecated: true,
    description: 'Deprecated: the former name of `country`, still accepted',
  })
  destinationCountry?: string;

  @ApiPropertyOptional({
    enum: PURPOSES,
    example: 'EMPLOYMENT',
    description: 'What the credential is to be used for, with a country (default EMPLOYMENT)',
  })
  @Optional()
  @IsString()
  @MaxLength(40)
  purpose?: string;

  @ValidateDate({ optional: true, description: 'The date to judge at; default today' })
  date?: string;
}

const VERIFY_OPTIONS_DESCRIPTION = [
  'VCALM VerifyCredentialOptions (`returnCredential`, `returnResults`, `returnProblemDetails`) and',
  'two extensions: `checks` — the checks to run among `proof`, `validity`, `status`, `schema`',
  '(default all; the structure and every proof are always checked, a check left out is reported',
  'skipped as NOT_REQUESTED); `registryPolicy` — `report` (default: the trust registry’s verdict is',
  'given under `registry` and does not change `verified`) or `require` (it does).',
].join(' ');

export class VcApiVerifyDto {
  @ApiProperty({
    oneOf: [{ type: 'object' }, { type: 'string' }],
    description:
      'A credential object with a Data Integrity proof (set or chain), or a compact VC-JWT (a string is never read as JSON text). An absent or malformed proof is 400 MALFORMED_PROOF.',
  })
  @IsNotEmpty()
  verifiableCredential: Record<string, unknown> | string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: VERIFY_OPTIONS_DESCRIPTION,
  })
  @Optional()
  @IsObject()
  options?: Record<string, unknown>;
}

export class VcApiVerifyPresentationDto {
  @ApiPropertyOptional({
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }],
    description:
      'A presentation with its proof (Data Integrity, proofPurpose authentication); or secured with VC-JOSE-COSE: a compact `vp+jwt`, or an EnvelopedVerifiablePresentation whose `id` is a `data:application/vp+jwt,…` URL. For a `vp+jwt` the challenge is its `nonce` claim and the domain its `aud` claim (our convention: VC-JOSE-COSE defines none); credentials inside may be EnvelopedVerifiableCredentials (`data:application/vc+jwt,…`), verified as VC-JWTs.',
  })
  @ValidateIf((dto: VcApiVerifyPresentationDto) => dto.presentation === undefined)
  @IsNotEmpty()
  verifiablePresentation?: Record<string, unknown> | string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'VCALM ProoflessVerifyPresentationRequest: a presentation without proof; only its credentials are verified, and the answer says that no holder binding was checked',
  })
  @ValidateIf((dto: VcApiVerifyPresentationDto) => dto.verifiablePresentation === undefined)
  @IsObject()
  presentation?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: `VCALM VerifyPresentationOptions (\`challenge\`, \`domain\`, \`returnPresentation\`), and for the credentials inside: ${VERIFY_OPTIONS_DESCRIPTION}`,
  })
  @Optional()
  @IsObject()
  options?: Record<string, unknown>;
}

export class VerifyPageQueryDto {
  @ApiPropertyOptional({ enum: LANGS })
  @Optional()
  @IsIn(LANGS)
  lang?: string;

  @ValidateCountry({ optional: true })
  country?: string;

  @ApiPropertyOptional({
    enum: PURPOSES,
    example: 'EMPLOYMENT',
    description: 'What the credential is to be used for, with a country (default EMPLOYMENT)',
  })
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

export class ProblemDetailsDto {
  @ApiProperty({
    description:
      'A URL: VC Data Model 2.0 §7.2 (https://www.w3.org/TR/vc-data-model#…), Data Integrity §4.7 (https://w3id.org/security#…) or ours (urn:reconoce:problem:…)',
  })
  type: string;
  @ApiProperty() title: string;
  @ApiProperty() detail: string;
  @ApiProperty({ description: 'Our stable code, e.g. SIGNATURE_INVALID, REVOKED' }) code: string;
  @ApiProperty({ description: 'The check it comes from' }) check: string;
  @ApiProperty({ enum: ['error', 'warning'], description: 'error: it made verified false' })
  severity: string;
}

class ValueResultDto {
  @ApiProperty() verified: boolean;
  @ApiProperty({
    description: 'The value checked: a string (challenge, domain, holder) or the object checked',
    oneOf: [{ type: 'string' }, { type: 'object' }],
  })
  input: unknown;
}

class ProofResultDto extends ValueResultDto {
  @ApiProperty({ type: [ProblemDetailsDto] }) problemDetails: ProblemDetailsDto[];
}

class StatusResultDto extends ValueResultDto {
  @ApiPropertyOptional({ description: 'The status bit, when it was read (0: not set)' })
  value?: number;
}

class CredentialResultsDto {
  @ApiProperty({ type: [ProofResultDto], description: 'Every proof (a set or a chain)' })
  proof: ProofResultDto[];
  @ApiPropertyOptional({ type: ValueResultDto }) validFrom?: ValueResultDto;
  @ApiPropertyOptional({ type: ValueResultDto }) validUntil?: ValueResultDto;
  @ApiProperty({ type: [StatusResultDto] }) credentialStatus: StatusResultDto[];
  @ApiProperty({ type: [ValueResultDto] }) credentialSchema: ValueResultDto[];
}

class RegistryVerdictDto {
  @ApiProperty({ description: 'Issuer in the trust list, key valid, accredited at issuance' })
  verified: boolean;
  @ApiProperty({ description: 'Whether it decided `verified` (options.registryPolicy: require)' })
  required: boolean;
  @ApiProperty({ type: [CheckDto] }) checks: CheckDto[];
}

/** VCALM VerifyCredentialResult, with our `checks` and `registry` beside it. */
export class VcApiVerifyResponseDto {
  @ApiProperty({
    description:
      'The cryptographic verdict: structure, every proof, validity window, status (and schema for our types); the registry only with registryPolicy: require',
  })
  verified: boolean;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'With returnCredential',
  })
  credential?: Record<string, unknown>;
  @ApiProperty({ type: [ProblemDetailsDto] }) problemDetails: ProblemDetailsDto[];
  @ApiPropertyOptional({ type: CredentialResultsDto, description: 'Unless returnResults: false' })
  results?: CredentialResultsDto;
  @ApiProperty({ type: [CheckDto], description: 'Extension: every cryptographic check' })
  checks: CheckDto[];
  @ApiProperty({ type: RegistryVerdictDto, description: 'Extension: the trust registry’s verdict' })
  registry: RegistryVerdictDto;
}

class PresentationLevelResultsDto {
  @ApiProperty({ type: [ProofResultDto] }) proof: ProofResultDto[];
  @ApiPropertyOptional({ type: ValueResultDto }) challenge?: ValueResultDto;
  @ApiPropertyOptional({ type: ValueResultDto }) domain?: ValueResultDto;
  @ApiPropertyOptional({ type: ValueResultDto, description: 'Whether the proof is by the holder' })
  holder?: ValueResultDto;
}

class PresentationResultsDto {
  @ApiProperty({ type: PresentationLevelResultsDto }) presentation: PresentationLevelResultsDto;
  @ApiProperty({ type: [VcApiVerifyResponseDto] }) credentials: VcApiVerifyResponseDto[];
}

/** VCALM VerifyPresentationResult, with our presentation-level `checks`. */
export class VcApiVerifyPresentationResponseDto {
  @ApiProperty({
    description:
      'The presentation’s proof (holder, challenge, domain, an unused challenge of ours) and every credential verified',
  })
  verified: boolean;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'With returnPresentation',
  })
  verifiablePresentation?: Record<string, unknown>;
  @ApiProperty({ type: [ProblemDetailsDto] }) problemDetails: ProblemDetailsDto[];
  @ApiProperty({ type: PresentationResultsDto }) results: PresentationResultsDto;
  @ApiProperty({ type: [CheckDto] }) checks: CheckDto[];
}

/** VCALM CreateChallengeResult, with its expiry. */
export class ChallengeResponseDto {
  @ApiProperty({ description: 'To be signed into a presentation as its proof’s challenge' })
  challenge: string;
  @ApiProperty({ description: 'Extension: when it expires; it can be used once until then' })
  expires: string;
}
