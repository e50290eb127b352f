import type { AgreementDto, MappingViewDto } from './dto/agreement-view.dto.js';
import type { EquivalenceMapping } from './entities/equivalence-mapping.entity.js';
import { agreementStatusAt, type AgreementData, type MappingData } from './recognition-engine.js';
import type { AgreementRecord } from './services/agreements.service.js';

export function mappingView(mapping: EquivalenceMapping): MappingViewDto {
  return {
    id: mapping.id,
    origin: mapping.originCountry,
    destination: mapping.destinationCountry,
    from: {
      standardId: mapping.fromStandardId,
      metaLevel: mapping.fromMetaLevel,
      isco: mapping.fromIsco,
    },
    to: {
      standardId: mapping.toStandardId,
      framework: mapping.toFramework,
      level: mapping.toLevel,
      title: mapping.toTitle,
    },
    kind: mapping.kind,
    missingUnits: mapping.missingUnits,
    conditions: mapping.conditions,
    note: mapping.note,
  };
}

function mappingData(mapping: EquivalenceMapping): MappingData {
  const view = mappingView(mapping);
  return { ...view, kind: mapping.kind, conditions: mapping.conditions };
}

/** What the engine reads of an agreement. */
export function agreementData(record: AgreementRecord): AgreementData {
  const { agreement } = record;
  return {
    id: agreement.id,
    name: agreement.name,
    kind: agreement.kind,
    mode: agreement.mode,
    credentialTypes: agreement.credentialTypes,
    metaLevelMin: agreement.metaLevelMin,
    metaLevelMax: agreement.metaLevelMax,
    iscedFields: agreement.iscedFields,
    occupations: agreement.occupations,
    standards: agreement.standards,
    purposes: agreement.purposes,
    acceptsDecisionsFrom: agreement.acceptsDecisionsFrom,
    conditions: agreement.conditions,
    fieldRestrictions: agreement.fieldRestrictions,
    equivalenceRule: agreement.equivalenceRule,
    validFrom: agreement.validFrom,
    validTo: agreement.validTo,
    status: agreement.status,
    directions: record.directions.map((d) => ({
      origin: d.originCountry,
      destination: d.destinationCountry,
    })),
    statusHistory: record.history.map((change) => ({
      from: change.fromStatus,
      to: change.toStatus,
      at: change.at.toISOString(),
    })),
    mappings: record.mappings.map(mappingData),
  };
}

/** The public view: scope, conditions, mappings and history, and whether it is in force `today`. */
export function agreementView(record: AgreementRecord, today: string): AgreementDto {
  const { agreement } = record;
  const data = agreementData(record);
  return {
    id: agreement.id,
    name: agreement.name,
    legalInstrument: agreement.legalInstrument,
    kind: agreement.kind,
    mode: agreement.mode,
    directions: data.directions,
    scope: {
      credentialTypes: agreement.credentialTypes,
      metaLevelMin: agreement.metaLevelMin,
      metaLevelMax: agreement.metaLevelMax,
      iscedFields: agreement.iscedFields,
      occupations: agreement.occupations,
      standards: agreement.standards,
      purposes: agreement.purposes,
    },
    acceptsDecisionsFrom: agreement.acceptsDecisionsFrom,
    conditions: agreement.conditions,
    fieldRestrictions: agreement.fieldRestrictions.map((r) => ({
      iscedFields: r.iscedFields ?? [],
      occupations: r.occupations ?? [],
      purposes: r.purposes ?? [],
      condition: r.condition,
    })),
    equivalenceRule: agreement.equivalenceRule,
    mappings: record.mappings.map(mappingView),
    validFrom: agreement.validFrom,
    validTo: agreement.validTo,
    status: agreement.status,
    inForce: agreementStatusAt(data, today) === 'IN_FORCE',
    statusHistory: record.history.map((change) => ({
      from: change.fromStatus,
      to: change.toStatus,
      at: change.at.toISOString(),
      reason: change.reason,
      actor: change.actor,
    })),
    createdAt: agreement.createdAt.toISOString(),
    updatedAt: agreement.updatedAt.toISOString(),
  };
}
