// Each demo country's recognition procedure as reference data: its routes and legal terms, how the
// term is counted, what silence means when it passes, and the fee (information only). The terms
// are the ones the issue names from public sources (CO MEN convalidación 60/120/180 days by route,
// PE 30 business days with negative silence, EC 30 business days, BR revalidação up to 180 days);
// the authorities, fees and the rest of the demo region are fictional.

/** How the authority establishes the equivalence; the decision credential's `criterion`. */
export const PROCEDURE_ROUTES = [
  'ACCREDITATION',
  'PRECEDENT',
  'ACADEMIC_EVALUATION',
  'TREATY',
  'OTHER',
] as const;
export type ProcedureRoute = (typeof PROCEDURE_ROUTES)[number];

/** What the law says when the authority lets the term pass without deciding. */
export const SILENCE_MEANINGS = [
  /** Taken as refused: the applicant may appeal or go to court. */
  'NEGATIVE',
  /** Taken as granted. */
  'POSITIVE',
  /** No effect: the authority must still decide; the applicant may complain. */
  'NONE',
] as const;
export type SilenceMeaning = (typeof SILENCE_MEANINGS)[number];

export type DayCount = 'CALENDAR' | 'BUSINESS';

export interface RouteTerm {
  route: ProcedureRoute;
  days: number;
}

export interface ProcedureRules {
  country: string;
  /** The procedure's name in the country's own language. */
  procedure: string;
  /** IANA time zone the days are counted in. */
  timeZone: string;
  dayCount: DayCount;
  routes: RouteTerm[];
  /** The route a case takes until the authority says otherwise. */
  defaultRoute: ProcedureRoute;
  silence: SilenceMeaning;
  /** The legal basis of the term and of silence, as published. */
  legalBasis: string;
  /** Information only: the registry charges nothing. */
  fee: { amount: number; currency: string; note: string };
}

export const PROCEDURE_RULES: readonly ProcedureRules[] = [
  {
    country: 'CO',
    procedure: 'Convalidación de títulos de educación superior',
    timeZone: 'America/Bogota',
    dayCount: 'CALENDAR',
    routes: [
      { route: 'ACCREDITATION', days: 60 },
      { route: 'PRECEDENT', days: 120 },
      { route: 'ACADEMIC_EVALUATION', days: 180 },
    ],
    defaultRoute: 'ACADEMIC_EVALUATION',
    silence: 'NEGATIVE',
    legalBasis: 'Resolución DEMO-10687 (ficticia); silencio negativo (CPACA, art. 83)',
    fee: { amount: 1_050_000, currency: 'COP', note: 'Tarifa de demostración (ficticia)' },
  },
  {
    country: 'PE',
    procedure: 'Reconocimiento de grados y títulos del extranjero',
    timeZone: 'America/Lima',
    dayCount: 'BUSINESS',
    routes: [
      { route: 'TREATY', days: 30 },
      { route: 'ACCREDITATION', days: 30 },
      { route: 'ACADEMIC_EVALUATION', days: 30 },
    ],
    defaultRoute: 'ACADEMIC_EVALUATION',
    silence: 'NEGATIVE',
    legalBasis: 'TUPA DEMO (ficticio): 30 días hábiles, silencio administrativo negativo',
    fee: { amount: 650, currency: 'PEN', note: 'Tasa de demostración (ficticia)' },
  },
  {
    country: 'EC',
    procedure: 'Registro de títulos obtenidos en el exterior',
    timeZone: 'America/Guayaquil',
    dayCount: 'BUSINESS',
    routes: [
      { route: 'ACCREDITATION', days: 30 },
      { route: 'ACADEMIC_EVALUATION', days: 30 },
    ],
    defaultRoute: 'ACCREDITATION',
    silence: 'POSITIVE',
    legalBasis: 'Reglamento DEMO (ficticio): 30 días hábiles; silencio positivo (COA, art. 207)',
    fee: { amount: 0, currency: 'USD', note: 'Sin costo (demostración)' },
  },
  {
    country: 'BR',
    procedure: 'Revalidação de diploma de graduação estrangeiro',
    timeZone: 'America/Sao_Paulo',
    dayCount: 'CALENDAR',
    routes: [
      { route: 'ACCREDITATION', days: 60 },
      { route: 'ACADEMIC_EVALUATION', days: 180 },
    ],
    defaultRoute: 'ACADEMIC_EVALUATION',
    silence: 'NONE',
    legalBasis: 'Resolução DEMO CNE/CES (fictícia): até 180 dias; o silêncio não revalida',
    fee: { amount: 2_400, currency: 'BRL', note: 'Taxa de demonstração (fictícia)' },
  },
];

export function procedureRulesOf(country: string): ProcedureRules | undefined {
  return PROCEDURE_RULES.find((rules) => rules.country === country);
}

export function termOf(rules: ProcedureRules, route: ProcedureRoute): RouteTerm | undefined {
  return rules.routes.find((term) => term.route === route);
}
