import { resolve } from 'node:path';

/** The static assets (`/assets/…`), read from the sources from both `src/web` and `dist/web`. */
export const ASSETS_DIR = resolve(import.meta.dirname, '../../src/web/assets');
