/** The languages the registry speaks; every label of the reference data exists in each. */
export const LANGS = ['es', 'pt', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export type LocalizedText = Record<Lang, string>;

/** The regional meta-framework every national level is referenced to. */
export const META_FRAMEWORK_CODE = 'MRR-LAC';

export const FRAMEWORK_KINDS = ['REGIONAL_META', 'NATIONAL'] as const;
export type FrameworkKind = (typeof FRAMEWORK_KINDS)[number];

export interface CountryView {
  code: string;
  name: string;
}

export interface FrameworkLevelView {
  level: number;
  name: LocalizedText;
  /** The framework this level is referenced to (the regional meta-framework), if referenced. */
  metaFramework: string | null;
  metaLevel: number | null;
}

export interface FrameworkView {
  code: string;
  kind: FrameworkKind;
  name: LocalizedText;
  /** ISO 3166-1 alpha-2; null for the regional meta-framework. */
  country: string | null;
  levelCount: number;
  levels: FrameworkLevelView[];
}

export interface StandardUnit {
  code: string;
  title: string;
}

export interface StandardView {
  id: string;
  code: string;
  version: string;
  title: string;
  /** Slug of the issuer that owns the standard (a registry entry). */
  owner: string;
  country: string;
  isco08: string;
  framework: string;
  level: number;
  /** The meta level of `framework` + `level`, when that level is referenced. */
  metaLevel: number | null;
  units: StandardUnit[];
}
