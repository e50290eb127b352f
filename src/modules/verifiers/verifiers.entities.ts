import { VerificationEvent } from './entities/verification-event.entity.js';

export const VERIFIERS_ENTITIES = [VerificationEvent];
