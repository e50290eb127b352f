import type { Linter } from 'eslint';

export declare const moduleBoundaries: Linter.Config[];
