import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import {
  ApiProblems,
  ISSUER_AUTH_PROBLEMS as AUTH_PROBLEMS,
} from '../../../common/openapi/api-problems.decorator.js';
import { MAX_BATCH_ROWS } from '../batch/batch-csv.js';
import { BatchSubmissionService } from '../batch/batch-submission.service.js';
import { IssuanceJobsService } from '../batch/issuance-jobs.service.js';
import {
  BatchAcceptedDto,
  IssuanceJobDto,
  JobCredentialsDto,
  ReissuedJobClaimCodesDto,
} from '../dto/batch.dto.js';
import { ClaimCodeReissueInputDto, IssueCredentialDto } from '../dto/issue-credential.dto.js';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key.decorator.js';
import { DEMO_ISSUE_EXAMPLE } from './issuer-credentials.controller.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

const CSV_LAYOUT = `A header line, then one line per credential (RFC 4180; \`,\` or \`;\` between cells; UTF-8). Columns, in any order:
- \`type\` (required), \`format\` (\`di\` default, \`jwt\`, or \`openbadges-3.0\` for an Open Badges 3.0 credential), \`validFrom\`, \`validUntil\` (ISO 8601);
- \`givenNames\`, \`familyNames\` (required);
- \`documentType\`, \`documentCountry\`, \`documentNumber\` (required): the document the credential names; \`document2Type\`, \`document2Country\`, \`document2Number\` … up to \`document5…\`: more documents of the holder (optional);
- \`subject\`: the credentialSubject fields as one JSON object, and/or \`subject.<path>\` columns, one per field (\`subject.isco08\`, \`subject.nationalLevel.level\`, \`subject.standards.0.code\`): numeric segments index arrays; a value takes the type the schema gives its field (number, boolean; \`a|b\` for an array of texts; JSON for an object) and overrides the same field of the \`subject\` cell. Empty cells are left out.`;

const CSV_EXAMPLE = [
  'type,givenNames,familyNames,documentType,documentCountry,documentNumber,validFrom,subject.standards.0.code,subject.standards.0.version,subject.standards.0.title,subject.unitsAchieved,subject.result,subject.assessmentCentre.name,subject.assessmentCentre.country,subject.assessmentDate,subject.isco08,subject.nationalLevel.framework,subject.nationalLevel.level',
  'CompetencyCertificationCredential,María,Demo Rivas,PPT,CO,DEMO-PPT-0001,2022-05-10T00:00:00Z,299903010,1,Cuidado de personas mayores (ficticia),299903010-01|299903010-02,COMPETENT,Entidad Nacional de Saberes (ficticia),CO,2022-05-10,5322,CO-MNC,3',
].join('\n');

@ApiTags('issuer')
@Auth('issuer')
@Controller('issuer')
export class IssuerBatchController {
  constructor(
    private readonly submissions: BatchSubmissionService,
    private readonly jobs: IssuanceJobsService,
  ) {}

  @Post('credentials/batch')
  @IssuerRoute('write:/issuer/credentials')
  @HttpCode(202)
  @ApiExtraModels(IssueCredentialDto)
  @ApiOperation({
    summary: `Issue up to ${MAX_BATCH_ROWS} credentials in the background`,
    description: `Every row is checked first as \`POST /issuer/credentials\` checks one credential; if any row fails, the answer is 422 naming each failing field as \`rows.<row>.<field>\` (rows from 0) and nothing is stored. Otherwise the job is queued and issued in the background: follow it at \`GET /issuer/jobs/<jobId>\`, and fetch the credentials and their claim codes at \`GET /issuer/jobs/<jobId>/credentials\`.\n\nCSV layout (\`text/csv\`): ${CSV_LAYOUT}`,
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'array',
            minItems: 1,
            maxItems: MAX_BATCH_ROWS,
            items: { $ref: getSchemaPath(IssueCredentialDto) },
          },
          examples: {
            'maria-cuidado': {
              summary: 'One row: the example of POST /issuer/credentials',
              value: [DEMO_ISSUE_EXAMPLE],
            },
          },
        },
        'text/csv': {
          schema: { type: 'string' },
          examples: {
            'maria-cuidado': { summary: 'One row, subject in columns', value: CSV_EXAMPLE },
          },
        },
      },
    },
  })
  @ApiAcceptedResponse({ type: BatchAcceptedDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'INVALID_BATCH',
    'BATCH_TOO_LARGE',
  )
  submit(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Body() body: unknown,
    @Headers('content-type') contentType = '',
  ): Promise<BatchAcceptedDto> {
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    const format = mediaType === 'text/csv' ? 'csv' : /json$/.test(mediaType) ? 'json' : null;
    if (!format) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the batch as application/json or text/csv.',
      );
    }
    return this.submissions.submit(issuer, body, format);
  }

  @Get('jobs/:id')
  @IssuerRoute('read:/issuer/credentials')
  @ApiOperation({
    summary: 'Progress of a batch job, with the rows that could not be issued',
    description:
      "A batch job's status (QUEUED, RUNNING, DONE, FAILED), its counts, and the rows that could not be issued with their error codes. Another issuer's job is 404.",
  })
  @ApiOkResponse({ type: IssuanceJobDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  job(@CurrentIssuer() issuer: IssuerPrincipal, @Param('id') id: string): Promise<IssuanceJobDto> {
    return this.jobs.get(issuer, id);
  }

  @Get('jobs/:id/credentials')
  @IssuerRoute('read:/issuer/credentials')
  @ApiOperation({
    summary: 'The credentials a batch job issued, with their claim codes (given once)',
    description:
      'Each claim code is kept sealed (AES-256-GCM under the registry key) only until the first answer that includes it, then wiped; codes not fetched within 30 days of the job finishing are wiped too. Fetch again after the job is DONE to get the codes of rows issued since.',
  })
  @ApiOkResponse({ type: JobCredentialsDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  credentials(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
  ): Promise<JobCredentialsDto> {
    return this.jobs.credentials(issuer, id);
  }

  @Post('credentials/batch/:jobId/claim-codes')
  @ApiBody({
    type: ClaimCodeReissueInputDto,
    examples: {
      'download-lost': {
        summary: "The job's codes never reached the printer",
        value: { reason: 'La descarga de los códigos falló antes de imprimirlos' },
      },
    },
  })
  @IssuerRoute('write:/issuer/credentials')
  @ApiOperation({
    summary: "New claim codes for a batch job's credentials not yet claimed",
    description:
      "When a job's claim codes were lost (a download that never reached its printer, a script that crashed after fetching them): every credential of the job that its holder has not claimed and that is not revoked gets a new claim code, in this answer only; the previous codes stop working, and codes still waiting for `GET /issuer/jobs/<jobId>/credentials` are wiped. Each replacement is audited as `credential.claim_code_reissued` with the reason. Credentials the job issues after this call keep their first codes. Send an `Idempotency-Key` so that a retried call gets the same codes again instead of replacing them a second time.",
  })
  @ApiIdempotencyKey(
    'A retry with the same key (and the same reason) gets the first answer again, codes ' +
      'included, instead of replacing the codes a second time.',
    'reprint-2026-03-job-4',
  )
  @ApiCreatedResponse({ type: ReissuedJobClaimCodesDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS, 'NOT_FOUND', 'IDEMPOTENCY_CONFLICT')
  reissueClaimCodes(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('jobId') jobId: string,
    @Body() dto: ClaimCodeReissueInputDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ReissuedJobClaimCodesDto> {
    return this.jobs.reissueClaimCodes(issuer, jobId, dto.reason, idempotencyKey);
  }
}
