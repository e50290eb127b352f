// International classifications used by the registry: a small curated subset, not the full lists.
//
// - ISCED 2011 levels and ISCED-F 2013 fields of education: UNESCO Institute for Statistics,
//   "International Standard Classification of Education: ISCED 2011" (2012) and "ISCED Fields of
//   Education and Training 2013 (ISCED-F 2013)" (2014). English labels follow UNESCO's; the Spanish
//   follow UNESCO's CINE 2011 / CINE-F 2013 editions; the Portuguese are our rendering.
// - ISCO-08 occupation groups: International Labour Organization, "International Standard
//   Classification of Occupations: ISCO-08" (2012). English labels follow the ILO's; the Spanish
//   follow the ILO's CIUO-08; the Portuguese are our rendering.
//
// Included: every ISCED level; the fields and occupations the demo region uses, with their broad
// and narrow parents (and the sibling fields of the regulated families agreements name, such as
// health 091x). Extend by adding rows: parents before children.

import type { LocalizedText } from '../reference.types.js';

export interface IscedLevelRow {
  level: number;
  label: LocalizedText;
}

export interface CodedRow {
  code: string;
  label: LocalizedText;
}

export const ISCED_LEVELS: IscedLevelRow[] = [
  {
    level: 0,
    label: {
      es: 'Educación de la primera infancia',
      pt: 'Educação da primeira infância',
      en: 'Early childhood education',
    },
  },
  {
    level: 1,
    label: { es: 'Educación primaria', pt: 'Ensino primário', en: 'Primary education' },
  },
  {
    level: 2,
    label: {
      es: 'Educación secundaria baja',
      pt: 'Primeiro ciclo do ensino secundário',
      en: 'Lower secondary education',
    },
  },
  {
    level: 3,
    label: {
      es: 'Educación secundaria alta',
      pt: 'Segundo ciclo do ensino secundário',
      en: 'Upper secondary education',
    },
  },
  {
    level: 4,
    label: {
      es: 'Educación postsecundaria no terciaria',
      pt: 'Ensino pós-secundário não superior',
      en: 'Post-secondary non-tertiary education',
    },
  },
  {
    level: 5,
    label: {
      es: 'Educación terciaria de ciclo corto',
      pt: 'Ensino superior de ciclo curto',
      en: 'Short-cycle tertiary education',
    },
  },
  {
    level: 6,
    label: {
      es: 'Grado en educación terciaria o nivel equivalente',
      pt: 'Bacharelado, licenciatura ou nível equivalente',
      en: "Bachelor's or equivalent level",
    },
  },
  {
    level: 7,
    label: {
      es: 'Nivel de maestría, especialización o equivalente',
      pt: 'Mestrado ou nível equivalente',
      en: "Master's or equivalent level",
    },
  },
  {
    level: 8,
    label: {
      es: 'Nivel de doctorado o equivalente',
      pt: 'Doutorado ou nível equivalente',
      en: 'Doctoral or equivalent level',
    },
  },
];

export const ISCED_FIELDS: CodedRow[] = [
  { code: '01', label: { es: 'Educación', pt: 'Educação', en: 'Education' } },
  { code: '011', label: { es: 'Educación', pt: 'Educação', en: 'Education' } },
  {
    code: '0111',
    label: { es: 'Ciencias de la educación', pt: 'Ciências da educação', en: 'Education science' },
  },
  {
    code: '0112',
    label: {
      es: 'Formación para docentes de educación preprimaria',
      pt: 'Formação de professores da educação pré-escolar',
      en: 'Training for pre-school teachers',
    },
  },
  {
    code: '0113',
    label: {
      es: 'Formación para docentes sin asignatura de especialización',
      pt: 'Formação de professores sem área de especialização',
      en: 'Teacher training without subject specialisation',
    },
  },
  {
    code: '0114',
    label: {
      es: 'Formación para docentes con asignatura de especialización',
      pt: 'Formação de professores com área de especialização',
      en: 'Teacher training with subject specialisation',
    },
  },
  {
    code: '04',
    label: {
      es: 'Administración de empresas y derecho',
      pt: 'Negócios, administração e direito',
      en: 'Business, administration and law',
    },
  },
  {
    code: '041',
    label: {
      es: 'Educación comercial y administración',
      pt: 'Negócios e administração',
      en: 'Business and administration',
    },
  },
  {
    code: '0411',
    label: {
      es: 'Contabilidad e impuestos',
      pt: 'Contabilidade e tributação',
      en: 'Accounting and taxation',
    },
  },
  { code: '042', label: { es: 'Derecho', pt: 'Direito', en: 'Law' } },
  { code: '0421', label: { es: 'Derecho', pt: 'Direito', en: 'Law' } },
  {
    code: '07',
    label: {
      es: 'Ingeniería, industria y construcción',
      pt: 'Engenharia, produção e construção',
      en: 'Engineering, manufacturing and construction',
    },
  },
  {
    code: '071',
    label: {
      es: 'Ingeniería y profesiones afines',
      pt: 'Engenharia e profissões de engenharia',
      en: 'Engineering and engineering trades',
    },
  },
  {
    code: '0713',
    label: {
      es: 'Electricidad y energía',
      pt: 'Eletricidade e energia',
      en: 'Electricity and energy',
    },
  },
  {
    code: '09',
    label: { es: 'Salud y bienestar', pt: 'Saúde e bem-estar', en: 'Health and welfare' },
  },
  { code: '091', label: { es: 'Salud', pt: 'Saúde', en: 'Health' } },
  { code: '0911', label: { es: 'Odontología', pt: 'Odontologia', en: 'Dental studies' } },
  { code: '0912', label: { es: 'Medicina', pt: 'Medicina', en: 'Medicine' } },
  {
    code: '0913',
    label: {
      es: 'Enfermería y partería',
      pt: 'Enfermagem e obstetrícia',
      en: 'Nursing and midwifery',
    },
  },
  {
    code: '0914',
    label: {
      es: 'Tecnología de diagnóstico y tratamiento médico',
      pt: 'Tecnologia de diagnóstico e tratamento médico',
      en: 'Medical diagnostic and treatment technology',
    },
  },
  {
    code: '0915',
    label: {
      es: 'Terapia y rehabilitación',
      pt: 'Terapia e reabilitação',
      en: 'Therapy and rehabilitation',
    },
  },
  { code: '0916', label: { es: 'Farmacia', pt: 'Farmácia', en: 'Pharmacy' } },
  {
    code: '0917',
    label: {
      es: 'Medicina y terapia tradicional y complementaria',
      pt: 'Medicina e terapia tradicional e complementar',
      en: 'Traditional and complementary medicine and therapy',
    },
  },
  { code: '092', label: { es: 'Bienestar', pt: 'Bem-estar', en: 'Welfare' } },
  {
    code: '0921',
    label: {
      es: 'Asistencia a adultos mayores y discapacitados',
      pt: 'Cuidados a idosos e a adultos com deficiência',
      en: 'Care of the elderly and of disabled adults',
    },
  },
  {
    code: '0922',
    label: {
      es: 'Servicios de cuidado infantil y servicios para jóvenes',
      pt: 'Serviços de cuidado infantil e juvenil',
      en: 'Child care and youth services',
    },
  },
  {
    code: '0923',
    label: {
      es: 'Trabajo social y orientación',
      pt: 'Serviço social e aconselhamento',
      en: 'Social work and counselling',
    },
  },
  { code: '10', label: { es: 'Servicios', pt: 'Serviços', en: 'Services' } },
  {
    code: '101',
    label: { es: 'Servicios personales', pt: 'Serviços pessoais', en: 'Personal services' },
  },
  {
    code: '1013',
    label: {
      es: 'Hotelería, restaurantes y servicios de banquetes',
      pt: 'Hotelaria, restauração e catering',
      en: 'Hotel, restaurants and catering',
    },
  },
];

export const ISCO08_GROUPS: CodedRow[] = [
  {
    code: '5',
    label: {
      es: 'Trabajadores de los servicios y vendedores de comercios y mercados',
      pt: 'Trabalhadores dos serviços e vendedores do comércio e mercados',
      en: 'Service and sales workers',
    },
  },
  {
    code: '51',
    label: {
      es: 'Trabajadores de los servicios personales',
      pt: 'Trabalhadores dos serviços pessoais',
      en: 'Personal service workers',
    },
  },
  { code: '512', label: { es: 'Cocineros', pt: 'Cozinheiros', en: 'Cooks' } },
  { code: '5120', label: { es: 'Cocineros', pt: 'Cozinheiros', en: 'Cooks' } },
  {
    code: '53',
    label: {
      es: 'Trabajadores de los cuidados personales',
      pt: 'Trabalhadores dos cuidados pessoais',
      en: 'Personal care workers',
    },
  },
  {
    code: '532',
    label: {
      es: 'Trabajadores de los cuidados personales en servicios de salud',
      pt: 'Trabalhadores dos cuidados pessoais nos serviços de saúde',
      en: 'Personal care workers in health services',
    },
  },
  {
    code: '5322',
    label: {
      es: 'Trabajadores de los cuidados personales a domicilio',
      pt: 'Trabalhadores dos cuidados pessoais no domicílio',
      en: 'Home-based personal care workers',
    },
  },
  {
    code: '7',
    label: {
      es: 'Oficiales, operarios y artesanos de artes mecánicas y de otros oficios',
      pt: 'Trabalhadores qualificados da indústria, construção e artífices',
      en: 'Craft and related trades workers',
    },
  },
  {
    code: '74',
    label: {
      es: 'Trabajadores especializados en electricidad y la electrotecnología',
      pt: 'Trabalhadores qualificados em eletricidade e eletrônica',
      en: 'Electrical and electronic trades workers',
    },
  },
  {
    code: '741',
    label: {
      es: 'Instaladores y reparadores de equipos eléctricos',
      pt: 'Instaladores e reparadores de equipamentos elétricos',
      en: 'Electrical equipment installers and repairers',
    },
  },
  {
    code: '7411',
    label: {
      es: 'Electricistas de obras y afines',
      pt: 'Eletricistas da construção e afins',
      en: 'Building and related electricians',
    },
  },
  {
    code: '9',
    label: {
      es: 'Ocupaciones elementales',
      pt: 'Ocupações elementares',
      en: 'Elementary occupations',
    },
  },
  {
    code: '94',
    label: {
      es: 'Ayudantes de preparación de alimentos',
      pt: 'Assistentes na preparação de refeições',
      en: 'Food preparation assistants',
    },
  },
  {
    code: '941',
    label: {
      es: 'Ayudantes de preparación de alimentos',
      pt: 'Assistentes na preparação de refeições',
      en: 'Food preparation assistants',
    },
  },
  {
    code: '9412',
    label: { es: 'Ayudantes de cocina', pt: 'Ajudantes de cozinha', en: 'Kitchen helpers' },
  },
];

/**
 * The parent of a hierarchical code is the code one digit shorter; the top groups (ISCED-F broad
 * fields have 2 digits, ISCO-08 major groups 1) have none.
 */
export function parentCode(code: string, topLength: number): string | null {
  return code.length > topLength ? code.slice(0, -1) : null;
}
