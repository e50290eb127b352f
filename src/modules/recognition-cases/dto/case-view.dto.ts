import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, LEGALISATION_ROUTES } from '../recognition-cases.constants.js';
import { PROCEDURE_ROUTES, SILENCE_MEANINGS } from '../procedure-rules.js';

export class CaseAuthorityDto {
  @ApiProperty({ example: 'co-men-demo' }) slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'CO' }) country: string;
}

export class CaseFileDto {
  @ApiProperty() id: string;
  @ApiProperty() filename: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] }) contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
}

export class CaseMessageViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['HOLDER', 'AUTHORITY'] }) author: string;
  @ApiProperty({ enum: ['STATEMENT', 'INFO_REQUEST', 'ANSWER'] }) kind: string;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [CaseFileDto] }) files: CaseFileDto[];
}

export class CaseTermDto {
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Null while paused' })
  deadline: string | null;
  @ApiProperty({ nullable: true, type: Number }) daysLeft: number | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ enum: ['CALENDAR', 'BUSINESS'] }) dayCount: string;
  @ApiProperty() termDays: number;
  @ApiProperty() daysUsed: number;
  @ApiProperty({ description: 'Information requested: the clock is stopped' }) paused: boolean;
  @ApiProperty({ enum: SILENCE_MEANINGS }) silence: string;
  @ApiProperty({
    enum: SILENCE_MEANINGS,
    nullable: true,
    description: 'What silence means now that the term has passed',
  })
  silenceNow: string | null;
  @ApiProperty() legalBasis: string;
}

export class CaseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ type: CaseAuthorityDto }) authority: CaseAuthorityDto;
  @ApiProperty() destinationCountry: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ enum: PROCEDURE_ROUTES }) route: string;
  @ApiProperty({ enum: LEGALISATION_ROUTES }) legalisation: string;
  @ApiProperty({ type: [String] }) credentialIds: string[];
  @ApiProperty({
    type: Object,
    description: "Each credential's verification at submission and the engine's pre-assessment",
  })
  evidence: object;
  @ApiProperty({ type: CaseTermDto }) term: CaseTermDto;
  @ApiProperty({ type: [CaseMessageViewDto] }) messages: CaseMessageViewDto[];
  @ApiProperty({ type: Object, nullable: true }) decision: object | null;
  @ApiProperty({ nullable: true, type: String }) decisionCredentialId: string | null;
  @ApiProperty() submittedAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ nullable: true, type: Date }) closedAt: Date | null;
}

export class PrecedentDto {
  @ApiProperty() caseId: string;
  @ApiProperty() decisionNumber: string;
  @ApiProperty({ format: 'date' }) decisionDate: string;
  @ApiProperty() outcome: string;
  @ApiProperty() route: string;
  @ApiProperty({ nullable: true, type: String }) equivalentTitle: string | null;
  @ApiProperty({ type: [Object] }) conditions: { kind: string; description: string }[];
  @ApiProperty({ enum: ['ORIGIN_PROGRAMME', 'STANDARD'] }) match: string;
}

export class AuthorityCaseDto extends CaseDto {
  @ApiProperty({ type: [PrecedentDto] }) precedents: PrecedentDto[];
}

export class CaseworkFiguresDto {
  @ApiProperty() authority: string;
  @ApiProperty() openCases: number;
  @ApiProperty() overdueCases: number;
  @ApiProperty() decidedCases: number;
  @ApiProperty({ nullable: true, type: Number }) medianDaysToDecision: number | null;
  @ApiProperty({ type: Object, description: 'route → outcome → count' })
  outcomesByRoute: Record<string, Record<string, number>>;
  @ApiProperty({ type: Object, description: 'legalisation route → outcome → count' })
  outcomesByLegalisation: Record<string, Record<string, number>>;
}

export class ProcedureDto {
  @ApiProperty() country: string;
  @ApiProperty() procedure: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: ['CALENDAR', 'BUSINESS'] }) dayCount: string;
  @ApiProperty({ type: [Object], description: '{route, days}' })
  routes: { route: string; days: number }[];
  @ApiProperty({ enum: PROCEDURE_ROUTES }) defaultRoute: string;
  @ApiProperty({ enum: SILENCE_MEANINGS }) silence: string;
  @ApiProperty() legalBasis: string;
  @ApiPropertyOptional({ type: Object, description: 'Information only' })
  fee: { amount: number; currency: string; note: string };
  @ApiProperty({ type: [CaseAuthorityDto] }) authorities: CaseAuthorityDto[];
}
