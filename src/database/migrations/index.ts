import { Extensions1764200000000 } from './1764200000000-extensions.js';

/** Every migration, oldest first. A migration is never edited once merged; add a new one. */
export const MIGRATIONS = [Extensions1764200000000];
