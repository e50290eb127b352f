import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ValidateText } from '../../../common/validation/validators.js';
import { CASE_WORKER_STATUSES } from '../entities/case-worker.entity.js';

/** An e-mail address or a user name: letters, digits and . _ @ + - (case folded). */
export const LOGIN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{2,99}$/;

export class CreateCaseWorkerDto {
  @ApiProperty({ example: 'Laura Gómez (ficticia)' })
  @ValidateText(200, { description: 'The person’s name, as the console shows it' })
  name: string;

  @ApiProperty({
    example: 'l.gomez@men.example',
    description: 'Login: an e-mail address or a user name (3–100 of A–Z a–z 0–9 . _ @ + -)',
  })
  @IsString()
  @Matches(LOGIN_PATTERN)
  login: string;
}

export class CaseWorkerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'co-men-demo', description: 'The competent authority (issuer slug)' })
  authority: string;
  @ApiProperty({ example: 'Laura Gómez (ficticia)' }) name: string;
  @ApiProperty({ example: 'l.gomez@men.example', description: 'Lower case' }) login: string;
  @ApiProperty({
    enum: CASE_WORKER_STATUSES,
    description: 'PENDING until enrolled with the code; DISABLED for good',
  })
  status: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'While PENDING' })
  enrolmentExpiresAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) enrolledAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) disabledAt: Date | null;
}

export class CreatedCaseWorkerDto extends CaseWorkerDto {
  @ApiProperty({
    example: 'K7Q2-9MXA-3RTB-V0CE',
    description:
      'The one-time enrolment code for /console/enrol, valid 72 hours. Shown only in this response.',
  })
  enrolmentCode: string;
}

/** The console's enrolment form, first step. */
export class EnrolDto {
  @IsString()
  @MaxLength(64)
  @Matches(/^[0-9A-Za-z -]{16,40}$/)
  enrolmentCode: string;

  @IsString()
  @MaxLength(256)
  password: string;
}

/** The console's enrolment form, second step: a first code of the authenticator. */
export class EnrolConfirmDto {
  @IsString()
  @MaxLength(64)
  @Matches(/^[0-9A-Za-z -]{16,40}$/)
  enrolmentCode: string;

  @IsString()
  @Matches(/^\d{6}$/)
  totp: string;
}

export class ConsoleLoginDto {
  @IsString()
  @Matches(LOGIN_PATTERN)
  login: string;

  @IsString()
  @MaxLength(256)
  password: string;

  @IsString()
  @Matches(/^\d{6}$/)
  totp: string;
}
