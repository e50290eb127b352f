import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { ISSUER_SCOPE_NAMES, type IssuerScope } from '../../../common/auth/scopes.js';
import { ValidateText } from '../../../common/validation/validators.js';

export class CreateOAuthClientDto {
  @ValidateText(200, { optional: true, description: 'What the client is for' })
  label?: string;

  @ApiProperty({
    type: [String],
    enum: ISSUER_SCOPE_NAMES,
    description: 'The scopes the client may ask for in a token request',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ISSUER_SCOPE_NAMES.length)
  @IsIn(ISSUER_SCOPE_NAMES, { each: true })
  scopes: IssuerScope[];
}

export class OAuthClientDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'rcc_3q2Xn5VZJ8Yt0a1b2c3d4e', description: 'The public client_id' })
  clientId: string;
  @ApiProperty({ type: [String], enum: ISSUER_SCOPE_NAMES }) scopes: string[];
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedOAuthClientDto extends OAuthClientDto {
  @ApiProperty({
    description: 'The client_secret. Shown only in this response; store it now.',
  })
  clientSecret: string;
}

/** The form of a token request; documentation only (the endpoint reads the form itself). */
export class TokenRequestFormDto {
  @ApiProperty({ enum: ['client_credentials'] }) grant_type: string;
  @ApiProperty({
    description: 'Space-separated scopes, each one the client may have',
    example: 'write:/credentials/issue',
  })
  scope: string;
  @ApiProperty({ required: false, description: 'Unless HTTP Basic is used' }) client_id?: string;
  @ApiProperty({ required: false, description: 'Unless HTTP Basic is used' })
  client_secret?: string;
  @ApiProperty({ required: false, description: 'This instance (PUBLIC_BASE_URL) when given' })
  audience?: string;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'A signed JWT (RFC 9068, EdDSA)' }) access_token: string;
  @ApiProperty({ enum: ['Bearer'] }) token_type: string;
  @ApiProperty({ description: 'Seconds the token stays valid' }) expires_in: number;
  @ApiProperty({ description: 'The scopes granted, space-separated' }) scope: string;
}

export class OAuthErrorDto {
  @ApiProperty({
    enum: [
      'invalid_request',
      'invalid_client',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_scope',
    ],
  })
  error: string;
  @ApiProperty() error_description: string;
}
