import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATUSES, type JobStatus } from '../entities/issuance-job.entity.js';

export class BatchAcceptedDto {
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ description: 'Rows accepted' }) total: number;
}

export class JobRowErrorDto {
  @ApiProperty({ description: 'The row, from 0, in the order submitted' }) row: number;
  @ApiProperty({ example: 'ISSUER_SUSPENDED' }) code: string;
  @ApiProperty() message: string;
}

export class IssuanceJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: JOB_STATUSES,
    description:
      'QUEUED, RUNNING, then DONE once every row is settled (at least one issued) or FAILED (none)',
  })
  status: JobStatus;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Rows issued' }) done: number;
  @ApiProperty({ description: 'Rows that could not be issued (see errors)' }) failed: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiProperty({ type: [JobRowErrorDto] }) errors: JobRowErrorDto[];
}

export class JobCredentialDto {
  @ApiProperty({ description: 'The row, from 0, in the order submitted' }) row: number;
  @ApiProperty({ format: 'uuid' }) credentialId: string;
  @ApiProperty() verifyUrl: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The one-time claim code to print for the holder: given in one download only, null afterwards',
  })
  claimCode: string | null;
}

export class JobCredentialsDto {
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ enum: JOB_STATUSES }) status: JobStatus;
  @ApiProperty({ description: 'Claim codes given in this answer (and wiped from the registry)' })
  claimCodesReleased: number;
  @ApiProperty({ type: [JobCredentialDto] }) items: JobCredentialDto[];
}

export class ReissuedJobClaimCodeDto {
  @ApiProperty({ description: 'The row, from 0, in the order submitted', example: 0 })
  row: number;
  @ApiProperty({ format: 'uuid' }) credentialId: string;
  @ApiProperty({
    description:
      'The new one-time claim code to print for the holder; the previous one no longer works',
    example: '7K2M-9QXD-4HTR-WB3E',
  })
  claimCode: string;
}

export class ReissuedJobClaimCodesDto {
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ description: 'Claim codes replaced by this call', example: 1 })
  reissued: number;
  @ApiProperty({
    type: [ReissuedJobClaimCodeDto],
    description:
      "The job's credentials still unclaimed and not revoked, each with its new code; claimed or revoked ones are left out",
  })
  items: ReissuedJobClaimCodeDto[];
}
