import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { Optional } from '../../../common/validation/validators.js';

export class CreateShareDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  credentialIds: string[];

  @ApiProperty({ format: 'date-time', description: 'In the future, at most one year ahead' })
  @IsISO8601({ strict: true })
  expiresAt: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'A note for the holder only' })
  @Optional()
  @IsString()
  @Length(1, 100)
  label?: string;
}

export class ShareDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) label: string | null;
  @ApiProperty({ type: [String] }) credentialIds: string[];
  @ApiProperty() expiresAt: Date;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
  @ApiProperty({ enum: ['ACTIVE', 'EXPIRED', 'REVOKED'] }) status: string;
}

export class CreatedShareDto extends ShareDto {
  @ApiProperty({ description: 'The link to give; shown this once' }) url: string;
  @ApiProperty({ description: 'Its QR code (SVG)' }) qrSvgUrl: string;
}

export class VerificationEventDto {
  @ApiProperty() credentialId: string;
  @ApiProperty({ nullable: true, type: String }) shareId: string | null;
  @ApiProperty() at: Date;
  @ApiProperty({ nullable: true, type: String, description: 'Declared by the verifier' })
  country: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Declared by the verifier' })
  purpose: string | null;
  @ApiProperty({ example: 'VALID' }) status: string;
  @ApiProperty({ nullable: true, type: String, example: 'RECOGNISED' }) outcome: string | null;
}
