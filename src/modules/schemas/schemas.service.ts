import { Injectable } from '@nestjs/common';
import { resolve } from 'node:path';
import { AppError } from '../../common/errors/app-error.js';
import { isCredentialType, loadSchemas, readOurContext } from '../../vc/schemas.js';

/**
 * The repository's `schemas/` directory: this file sits two levels under `src/` (or `dist/`),
 * which sits beside it.
 */
export const SCHEMAS_DIR = resolve(import.meta.dirname, '../../../schemas');

/** A published document, serialised once at boot (the files do not change while we run). */
export interface PublishedDocument {
  body: string;
}

/** Our JSON-LD context and the JSON Schemas of the credential types, as published. */
@Injectable()
export class SchemasService {
  private readonly context: PublishedDocument;
  private readonly schemas: ReadonlyMap<string, PublishedDocument>;

  constructor() {
    this.context = { body: JSON.stringify(readOurContext(SCHEMAS_DIR)) };
    this.schemas = new Map(
      [...loadSchemas(SCHEMAS_DIR).documents].map(([type, document]) => [
        type,
        { body: JSON.stringify(document) },
      ]),
    );
  }

  /** Our JSON-LD context (`/contexts/v1`). */
  ourContext(): PublishedDocument {
    return this.context;
  }

  /** The JSON Schema of a credential type; an unknown name is NOT_FOUND. */
  schema(name: string): PublishedDocument {
    const schema = isCredentialType(name) ? this.schemas.get(name) : undefined;
    if (!schema) throw new AppError('NOT_FOUND', 'There is no such schema.');
    return schema;
  }
}
