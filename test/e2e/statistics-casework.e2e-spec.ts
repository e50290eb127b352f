import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asIssuer, issuerApiKey } from '../helpers/admin.js';
import {
  conditionalDecisionBody,
  numberedHolder,
  openCaseBody,
  venezuelanTitleBody,
} from '../helpers/bodies.js';
import { asHolder, issueTo, registerHolder } from '../helpers/holders.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'mi perro se llama Toby 2019';
const YEAR = new Date().getUTCFullYear();
const PEOPLE = 10;
// Holder 7 (a refused case, legalised by no route, nothing else open) later withdraws consent.
const WITHDRAWS_CONSENT = 7;

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Table {
  columns: string[];
  rows: { code: string; cells: Cell[] }[];
}
type Holder = ReturnType<typeof asHolder>;

/** The cell of a row in the CO column (all years), or undefined while CO is not a column. */
const cellOf = (table: Table, row: string): Cell | undefined => {
  const column = table.columns.indexOf('CO');
  return column < 0 ? undefined : table.rows.find((r) => r.code === row)!.cells[column];
};

/** A count before our casework: an absent column counts none; a hidden one is no baseline. */
const baseline = (table: Table, row: string): number => {
  const cell = cellOf(table, row);
  if (cell === undefined) return 0;
  if (cell.value === null) throw new Error(`baseline ${row} is suppressed`);
  return cell.value;
};

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

describe('statistics of real casework: the case and decision tables count what happened', () => {
  let t: TestApp;
  let men: ReturnType<typeof asIssuer>;
  let holders: Holder[];
  let titles: string[];
  let before: Record<string, Table>;
  /** The route each opened case took, as the API answered it. */
  const routes: string[] = [];

  const read = async (id: string): Promise<Table> => {
    const res = await t.http.get(`/stats/tables/${id}`);
    expect(res.status).toBe(200);
    return res.body as Table;
  };
  const readAll = async () =>
    Object.fromEntries(
      await Promise.all(
        ['cases', 'case-routes', 'case-legalisation', 'decision-outcome'].map(
          async (id) => [id, await read(id)] as const,
        ),
      ),
    );
  const open = async (holder: Holder, titleId: string, legalisation: string) => {
    const res = await holder.post('/holder/cases', openCaseBody([titleId], { legalisation }));
    expect(res.status).toBe(201);
    routes.push(res.body.route as string);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' });
    await t.app.get(DemoSeedService).seed();
    const [ve, menKey] = await Promise.all([
      issuerApiKey(t, 've-unc'),
      issuerApiKey(t, 'co-men-demo'),
    ]);
    men = asIssuer(t, menKey);
    before = await readAll();
    // Ten people, each with a Venezuelan title of their own, issued and registered in parallel.
    const people = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const person = numberedHolder(i, 'CASO', 'Demo Casuística');
        const title = await issueTo(t, ve, venezuelanTitleBody(person));
        const registered = await registerHolder(t, person.documents[0], title.claimCode, PASSWORD);
        expect(registered.status).toBe(201);
        return { holder: asHolder(t, registered.body.accessToken), titleId: title.id };
      }),
    );
    holders = people.map((p) => p.holder);
    titles = people.map((p) => p.titleId);
  }, 240_000);
  afterAll(() => t?.close());

  it('opens, decides and withdraws cases through the API', async () => {
    // Each opens a case (holders 0–4 with an apostille); the authority decides all ten:
    // even holders recognised, odd ones refused.
    const first = await Promise.all(
      holders.map((holder, i) => open(holder, titles[i], i < 5 ? 'APOSTILLE' : 'NONE')),
    );
    const decided = await Promise.all(
      first.map((caseId, i) =>
        men.post(
          `/authority/cases/${caseId}/decision`,
          i % 2 === 0
            ? conditionalDecisionBody({
                outcome: 'RECOGNISED',
                conditions: [],
                decisionNumber: `DEMO-RES-${YEAR}-${100 + i}`,
              })
            : conditionalDecisionBody({
                outcome: 'REFUSED',
                conditions: [],
                equivalentTitle: undefined,
                equivalentLevel: undefined,
                reasons: ['El programa no cubre las prácticas clínicas exigidas.'],
                decisionNumber: `DEMO-RES-${YEAR}-${100 + i}`,
              }),
        ),
      ),
    );
    expect(decided.map((res) => [res.status, res.body.status])).toEqual(
      Array.from({ length: PEOPLE }, () => [200, 'DECIDED']),
    );
    // Holders 0–5 open a second case on the same title: six cases open within their term.
    await Promise.all(holders.slice(0, 6).map((holder, i) => open(holder, titles[i], 'NONE')));
    // Holder 9 opens a third and withdraws it: one withdrawn case, a cell under k.
    const third = await open(holders[9], titles[9], 'NONE');
    expect((await holders[9].post(`/holder/cases/${third}/withdrawal`)).body.status).toBe(
      'WITHDRAWN',
    );
  }, 240_000);

  it('counts each case once in its cell; the one withdrawal is hidden, never 0', async () => {
    const cases = await read('cases');
    // The seed withdraws nothing: a single withdrawal is a non-zero cell under k.
    expect(baseline(before.cases, 'WITHDRAWN')).toBe(0);
    expect(cellOf(cases, 'DECIDED')).toMatchObject(shown(baseline(before.cases, 'DECIDED') + 10));
    expect(cellOf(cases, 'OVERDUE')).toMatchObject(shown(baseline(before.cases, 'OVERDUE')));
    expect(cellOf(cases, '*')).toMatchObject(shown(baseline(before.cases, '*') + 17));
    expect(cellOf(cases, 'WITHDRAWN')).toMatchObject(hidden);
    // Its column then holds one more hidden cell: the smallest non-zero one, the six open.
    expect(cellOf(cases, 'IN_TERM')).toMatchObject(hidden);
    // Ten decided cases, a published cell: their median days to decision (all decided today).
    expect(
      (cases as Table & { medianDaysToDecision: (number | null)[] }).medianDaysToDecision[
        cases.columns.indexOf('CO')
      ],
    ).toBe(0);

    const legalisation = await read('case-legalisation');
    const legalised = (row: string) => baseline(before['case-legalisation'], row);
    expect(cellOf(legalisation, 'APOSTILLE')).toMatchObject(shown(legalised('APOSTILLE') + 5));
    expect(cellOf(legalisation, 'NONE')).toMatchObject(shown(legalised('NONE') + 12));
    expect(cellOf(legalisation, 'CONSULAR')).toMatchObject(shown(legalised('CONSULAR')));
    expect(cellOf(legalisation, '*')).toMatchObject(shown(legalised('*') + 17));

    const byRoute = await read('case-routes');
    expect(routes).toHaveLength(17);
    for (const route of new Set(routes)) {
      const opened = routes.filter((r) => r === route).length;
      expect(cellOf(byRoute, route)).toMatchObject(
        shown(baseline(before['case-routes'], route) + opened),
      );
    }
    expect(cellOf(byRoute, '*')).toMatchObject(shown(baseline(before['case-routes'], '*') + 17));
  });

  it('counts the ten decisions issued by outcome', async () => {
    const decisions = await read('decision-outcome');
    const issued = (row: string) => baseline(before['decision-outcome'], row);
    expect(cellOf(decisions, 'GRANTED')).toMatchObject(shown(issued('GRANTED') + 5));
    expect(cellOf(decisions, 'DENIED')).toMatchObject(shown(issued('DENIED') + 5));
    expect(cellOf(decisions, 'GRANTED_WITH_CONDITIONS')).toMatchObject(
      shown(issued('GRANTED_WITH_CONDITIONS')),
    );
    expect(cellOf(decisions, '*')).toMatchObject(shown(issued('*') + 10));
  });

  it('leaves out, on the next read, the cases of a holder who withdraws consent', async () => {
    const consent = await holders[WITHDRAWS_CONSENT].put('/holder/consents', {
      statistics: false,
    });
    expect(consent.status).toBe(200);
    const cases = await read('cases');
    expect(cellOf(cases, 'DECIDED')).toMatchObject(shown(baseline(before.cases, 'DECIDED') + 9));
    expect(cellOf(cases, '*')).toMatchObject(shown(baseline(before.cases, '*') + 16));
    expect(cellOf(cases, 'WITHDRAWN')).toMatchObject(hidden);
    const legalisation = await read('case-legalisation');
    const legalised = (row: string) => baseline(before['case-legalisation'], row);
    expect(cellOf(legalisation, 'NONE')).toMatchObject(shown(legalised('NONE') + 11));
    expect(cellOf(legalisation, 'APOSTILLE')).toMatchObject(shown(legalised('APOSTILLE') + 5));
    expect(cellOf(legalisation, '*')).toMatchObject(shown(legalised('*') + 16));
    const byRoute = await read('case-routes');
    expect(cellOf(byRoute, '*')).toMatchObject(shown(baseline(before['case-routes'], '*') + 16));
    // The decision leaves with the cases: nine decisions of the year are a category under 10,
    // left out whole until it holds 10 again.
    const outcome = await read('decision-outcome');
    expect(cellOf(outcome, '*')).toBeUndefined();
    // With every decision left out, the all-countries total is withheld, never a published 0.
    const everyCountry = outcome.columns.indexOf('*');
    expect(outcome.rows.find((r) => r.code === '*')!.cells[everyCountry]).toMatchObject(hidden);
  });
});
