// The framework-free credential core: plain functions, every side effect passed in.
export * from './did.js';
export * from './document-loader.js';
export * from './issue.js';
export * from './jsonld-tuning.js';
export * from './keys.js';
export * from './pool-stats.js';
export * from './schemas.js';
export * from './status-list.js';
export * from './verify.js';
export * from './signing-pool.js';
