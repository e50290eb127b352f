// Qualifications frameworks and their referencing to the regional meta-framework.
//
// Codes are `<COUNTRY>-<ACRONYM>` for national frameworks (the acronym of the framework's own name)
// and `MRR-LAC` for the regional meta-framework:
//   MRR-LAC  Marco Regional de Referencia de Cualificaciones (fictional, modelled on the EQF), 8 levels
//   CO-MNC   Colombia, Marco Nacional de Cualificaciones, 8 levels
//   PE-MNC   Peru, Marco Nacional de Cualificaciones, 8 levels
//   CL-MCTP  Chile, Marco de Cualificaciones Técnico-Profesional, 5 levels
//   EC-CNC   Ecuador, Catálogo Nacional de Cualificaciones Profesionales, 5 levels
// The level counts are the real frameworks'; the referencing (national level n → meta level n) is
// the demo region's, from DOMAIN.md, not an adopted regional decision.

import { META_FRAMEWORK_CODE, type FrameworkKind, type LocalizedText } from '../reference.types.js';

export interface FrameworkLevelRow {
  level: number;
  name: LocalizedText;
  metaLevel: number | null;
}

export interface FrameworkRow {
  code: string;
  kind: FrameworkKind;
  name: LocalizedText;
  country: string | null;
  levels: FrameworkLevelRow[];
}

const META_LEVEL_NAMES: LocalizedText[] = [
  { es: 'Básico', pt: 'Básico', en: 'Basic' },
  { es: 'Operativo', pt: 'Operacional', en: 'Operational' },
  { es: 'Técnico operativo', pt: 'Técnico operacional', en: 'Technical-operational' },
  { es: 'Técnico', pt: 'Técnico', en: 'Technician' },
  { es: 'Técnico superior', pt: 'Técnico superior', en: 'Higher technician' },
  { es: 'Profesional (grado)', pt: 'Profissional (graduação)', en: "Professional (bachelor's)" },
  { es: 'Maestría', pt: 'Mestrado', en: "Master's" },
  { es: 'Doctorado', pt: 'Doutorado', en: 'Doctorate' },
];

/** Levels 1..count named "Nivel n", each referenced to the meta level of the same number. */
function numberedLevels(count: number): FrameworkLevelRow[] {
  return Array.from({ length: count }, (_, index) => ({
    level: index + 1,
    name: { es: `Nivel ${index + 1}`, pt: `Nível ${index + 1}`, en: `Level ${index + 1}` },
    metaLevel: index + 1,
  }));
}

export const FRAMEWORKS: FrameworkRow[] = [
  {
    code: META_FRAMEWORK_CODE,
    kind: 'REGIONAL_META',
    name: {
      es: 'Marco Regional de Referencia de Cualificaciones de América Latina y el Caribe (ficticio)',
      pt: 'Quadro Regional de Referência de Qualificações da América Latina e do Caribe (fictício)',
      en: 'Regional Qualifications Reference Framework for Latin America and the Caribbean (fictional)',
    },
    country: null,
    levels: META_LEVEL_NAMES.map((name, index) => ({
      level: index + 1,
      name,
      metaLevel: index + 1,
    })),
  },
  {
    code: 'CO-MNC',
    kind: 'NATIONAL',
    name: {
      es: 'Marco Nacional de Cualificaciones de Colombia',
      pt: 'Quadro Nacional de Qualificações da Colômbia',
      en: 'Colombian National Qualifications Framework',
    },
    country: 'CO',
    levels: numberedLevels(8),
  },
  {
    code: 'PE-MNC',
    kind: 'NATIONAL',
    name: {
      es: 'Marco Nacional de Cualificaciones del Perú',
      pt: 'Quadro Nacional de Qualificações do Peru',
      en: 'Peruvian National Qualifications Framework',
    },
    country: 'PE',
    levels: numberedLevels(8),
  },
  {
    code: 'CL-MCTP',
    kind: 'NATIONAL',
    name: {
      es: 'Marco de Cualificaciones Técnico-Profesional de Chile',
      pt: 'Quadro de Qualificações Técnico-Profissional do Chile',
      en: 'Chilean Technical and Vocational Qualifications Framework',
    },
    country: 'CL',
    levels: numberedLevels(5),
  },
  {
    code: 'EC-CNC',
    kind: 'NATIONAL',
    name: {
      es: 'Catálogo Nacional de Cualificaciones Profesionales del Ecuador',
      pt: 'Catálogo Nacional de Qualificações Profissionais do Equador',
      en: 'Ecuadorian National Catalogue of Professional Qualifications',
    },
    country: 'EC',
    levels: numberedLevels(5),
  },
];
