import { ApiProperty } from '@nestjs/swagger';
import {
  AGREEMENT_KINDS,
  AGREEMENT_MODES,
  AGREEMENT_STATUSES,
  CONDITION_CODES,
  EQUIVALENCE_RULES,
  MAPPING_KINDS,
  PURPOSES,
  SOFT_CONDITION_CODES,
} from '../recognition.constants.js';

export class DirectionViewDto {
  @ApiProperty({ example: 'PE' }) origin: string;
  @ApiProperty({ example: 'CL' }) destination: string;
}

export class ConditionViewDto {
  @ApiProperty({ enum: CONDITION_CODES }) code: string;
  @ApiProperty({ description: 'Unmet, the credential is not covered' }) hard: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { years: 5 } })
  params: Record<string, unknown>;
}

export class FieldRestrictionViewDto {
  @ApiProperty({ type: [String], example: ['091'] }) iscedFields: string[];
  @ApiProperty({ type: [String] }) occupations: string[];
  @ApiProperty({ enum: PURPOSES, isArray: true, description: 'Empty: every purpose' })
  purposes: string[];
  @ApiProperty({ enum: SOFT_CONDITION_CODES }) condition: string;
}

export class AgreementStatusChangeDto {
  @ApiProperty({ enum: AGREEMENT_STATUSES, nullable: true, type: String }) from: string | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES }) to: string;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: 'admin' }) actor: string;
}

export class MappingFromViewDto {
  @ApiProperty({ nullable: true, type: String, example: 'std-pe-coc' }) standardId: string | null;
  @ApiProperty({ nullable: true, type: Number }) metaLevel: number | null;
  @ApiProperty({ nullable: true, type: String }) isco: string | null;
}

export class MappingToViewDto {
  @ApiProperty({ nullable: true, type: String, example: 'std-cl-ayc' }) standardId: string | null;
  @ApiProperty({ nullable: true, type: String }) framework: string | null;
  @ApiProperty({ nullable: true, type: Number }) level: number | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
}

export class MappingViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'PE' }) origin: string;
  @ApiProperty({ example: 'CL' }) destination: string;
  @ApiProperty({ type: MappingFromViewDto }) from: MappingFromViewDto;
  @ApiProperty({ type: MappingToViewDto }) to: MappingToViewDto;
  @ApiProperty({ enum: MAPPING_KINDS }) kind: string;
  @ApiProperty({ type: [String], example: ['UC3', 'UC4'] }) missingUnits: string[];
  @ApiProperty({ enum: SOFT_CONDITION_CODES, isArray: true }) conditions: string[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class AgreementScopeDto {
  @ApiProperty({ type: [String], example: ['CompetencyCertificationCredential'] })
  credentialTypes: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'Meta level (MRR-LAC)' })
  metaLevelMin: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Meta level (MRR-LAC)' })
  metaLevelMax: number | null;
  @ApiProperty({ type: [String], description: 'Empty: any field' }) iscedFields: string[];
  @ApiProperty({ type: [String], description: 'Empty: any occupation' }) occupations: string[];
  @ApiProperty({ type: [String], description: 'Empty: any standard' }) standards: string[];
  @ApiProperty({ enum: PURPOSES, isArray: true }) purposes: string[];
}

export class AgreementDto {
  @ApiProperty({ example: 'agr-pe-cl-2026-demo' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() legalInstrument: string;
  @ApiProperty({ enum: AGREEMENT_KINDS }) kind: string;
  @ApiProperty({ enum: AGREEMENT_MODES }) mode: string;
  @ApiProperty({ type: [DirectionViewDto] }) directions: DirectionViewDto[];
  @ApiProperty({ type: AgreementScopeDto }) scope: AgreementScopeDto;
  @ApiProperty({ type: [String], description: 'Countries whose recognition decisions it honours' })
  acceptsDecisionsFrom: string[];
  @ApiProperty({ type: [ConditionViewDto] }) conditions: ConditionViewDto[];
  @ApiProperty({ type: [FieldRestrictionViewDto] }) fieldRestrictions: FieldRestrictionViewDto[];
  @ApiProperty({ enum: EQUIVALENCE_RULES, nullable: true, type: String })
  equivalenceRule: string | null;
  @ApiProperty({ type: [MappingViewDto] }) mappings: MappingViewDto[];
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validTo: string | null;
  @ApiProperty({ enum: AGREEMENT_STATUSES, description: "Today's recorded status" })
  status: string;
  @ApiProperty({ description: 'In force today, by its dates and status' }) inForce: boolean;
  @ApiProperty({ type: [AgreementStatusChangeDto] }) statusHistory: AgreementStatusChangeDto[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class AgreementListDto {
  @ApiProperty({ type: [AgreementDto] }) items: AgreementDto[];
}
