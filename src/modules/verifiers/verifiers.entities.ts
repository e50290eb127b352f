import { VerificationChallenge } from './entities/verification-challenge.entity.js';
import { VerificationEvent } from './entities/verification-event.entity.js';

export const VERIFIERS_ENTITIES = [VerificationEvent, VerificationChallenge];
