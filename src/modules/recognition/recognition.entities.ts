import { AgreementDirection } from './entities/agreement-direction.entity.js';
import { AgreementStatusChange } from './entities/agreement-status-change.entity.js';
import { Agreement } from './entities/agreement.entity.js';
import { EquivalenceMapping } from './entities/equivalence-mapping.entity.js';

export const RECOGNITION_ENTITIES = [
  Agreement,
  AgreementDirection,
  AgreementStatusChange,
  EquivalenceMapping,
];
