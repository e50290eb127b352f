import { AuditEvent } from './audit-event.entity.js';

export const AUDIT_ENTITIES = [AuditEvent];
