import { AuditCheckpoint } from './audit-checkpoint.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditIntake } from './audit-intake.entity.js';
import { AuditSigningKey } from './audit-signing-key.entity.js';

export const AUDIT_ENTITIES = [AuditEvent, AuditIntake, AuditCheckpoint, AuditSigningKey];
