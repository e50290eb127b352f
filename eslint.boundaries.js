// Module boundaries, enforced by lint (and tested in test/lint/module-boundaries.spec.ts):
// a module owns its tables, so no other folder imports its entities/ — database/, which lists
// every entity for TypeORM, is the one exception — and pages live in web/, which no module imports.

const foreignEntities = {
  regex: String.raw`^(\.\./)+(modules/)?(?!entities/)[a-z0-9-]+/(entities/|[a-z0-9-]+\.entity(\.js)?$)`,
  message: "Another module's entities are its own: go through its exported service.",
};
const webFromModule = {
  regex: String.raw`^(\.\./){2,}web/`,
  message: 'Pages belong to web/, which modules never import.',
};

export const moduleBoundaries = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/database/**', 'src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [foreignEntities] }] },
  },
  {
    files: ['src/modules/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [foreignEntities, webFromModule] }] },
  },
];
