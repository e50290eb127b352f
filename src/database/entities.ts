/** Every entity class; TypeORM gets them explicitly, since globs do not load ES modules. */
export const ENTITIES: Function[] = [];
