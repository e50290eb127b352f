// Occupational standards of the demo region (DOMAIN.md). All of them are fictional: the codes
// imitate each country's scheme (Colombia's 9-digit sector standards with a version, Peru's
// profiles of competency units, Chile's profiles of UCL), the titles and units are invented.
// A Colombian sector standard is itself one unit of competency, hence its single unit.

import type { StandardUnit } from '../reference.types.js';

export interface StandardRow {
  id: string;
  code: string;
  version: string;
  title: string;
  owner: string;
  country: string;
  isco08: string;
  framework: string;
  level: number;
  units: StandardUnit[];
}

export const STANDARDS: StandardRow[] = [
  {
    id: 'std-co-cuid',
    code: '299903010',
    version: '1',
    title: 'Asistir a la persona mayor en las actividades de la vida diaria (demo)',
    owner: 'co-ens',
    country: 'CO',
    isco08: '5322',
    framework: 'CO-MNC',
    level: 3,
    units: [
      {
        code: '299903010',
        title:
          'Asistir a la persona mayor en las actividades de la vida diaria según su plan de cuidado',
      },
    ],
  },
  {
    id: 'std-co-coc',
    code: '299902004',
    version: '2',
    title: 'Elaborar preparaciones de cocina según recetas estándar (demo)',
    owner: 'co-ens',
    country: 'CO',
    isco08: '5120',
    framework: 'CO-MNC',
    level: 3,
    units: [
      {
        code: '299902004',
        title: 'Elaborar preparaciones de cocina según recetas estándar y normas de inocuidad',
      },
    ],
  },
  {
    id: 'std-co-elec',
    code: '299901001',
    version: '1',
    title: 'Instalar redes eléctricas residenciales (demo)',
    owner: 'co-ens',
    country: 'CO',
    isco08: '7411',
    framework: 'CO-MNC',
    level: 3,
    units: [
      {
        code: '299901001',
        title: 'Instalar redes eléctricas residenciales según el reglamento técnico vigente',
      },
    ],
  },
  {
    id: 'std-pe-cuid',
    code: 'PE-DEMO-CUI-01',
    version: '1',
    title: 'Cuidador(a) de personas adultas mayores (demo)',
    owner: 'pe-dcl',
    country: 'PE',
    isco08: '5322',
    framework: 'PE-MNC',
    level: 3,
    units: [
      { code: 'UC1', title: 'Realizar la higiene y el confort de la persona adulta mayor' },
      {
        code: 'UC2',
        title: 'Asistir en la alimentación y la movilización de la persona adulta mayor',
      },
      { code: 'UC3', title: 'Acompañar a la persona adulta mayor en actividades de estimulación' },
    ],
  },
  {
    id: 'std-pe-coc',
    code: 'PE-DEMO-COC-01',
    version: '1',
    title: 'Cocinero(a) (demo)',
    owner: 'pe-dcl',
    country: 'PE',
    isco08: '5120',
    framework: 'PE-MNC',
    level: 3,
    units: [
      {
        code: 'UC1',
        title: 'Aplicar normas de higiene e inocuidad en la manipulación de alimentos',
      },
      { code: 'UC2', title: 'Realizar el preelaborado y la cocción de alimentos según recetas' },
      { code: 'UC3', title: 'Elaborar la carta y costear las preparaciones' },
      { code: 'UC4', title: 'Organizar la producción y el equipo de cocina' },
    ],
  },
  {
    id: 'std-cl-ayc',
    code: 'CL-DEMO-P-0001',
    version: '1',
    title: 'Ayudante de cocina (demo)',
    owner: 'cl-cvt',
    country: 'CL',
    isco08: '9412',
    framework: 'CL-MCTP',
    level: 2,
    units: [
      { code: 'UCL1', title: 'Aplicar normas de higiene e inocuidad alimentaria' },
      { code: 'UCL2', title: 'Preelaborar alimentos según instrucciones' },
      { code: 'UCL3', title: 'Mantener el orden y la limpieza de la cocina y sus utensilios' },
    ],
  },
  {
    id: 'std-ec-elec',
    code: 'EC-DEMO-ELE-07',
    version: '1',
    title: 'Instalaciones eléctricas residenciales (demo)',
    owner: 'ec-scp',
    country: 'EC',
    isco08: '7411',
    framework: 'EC-CNC',
    level: 3,
    units: [
      { code: 'UC1', title: 'Instalar circuitos eléctricos residenciales según la normativa' },
      { code: 'UC2', title: 'Mantener y reparar instalaciones eléctricas residenciales' },
    ],
  },
];
