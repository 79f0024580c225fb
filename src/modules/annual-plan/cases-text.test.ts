import { describe, expect, it } from 'vitest';
import type { CaseToCouncilRow } from './repository';
import { casesToCouncilText } from './treatments';

const row = (plannedDate: string, body: string, title: string): CaseToCouncilRow => ({
  id: `${plannedDate}-${body}`,
  paperId: 'p',
  organizationId: 'o',
  organizationName: body,
  organizationClassification: body === 'Magistraten' ? 'magistrat' : 'byraad',
  plannedDate,
  note: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  paperTitle: title,
  paperCaseNumber: title === 'Vinterhjælp' ? 'EMN-2023-012026' : null,
});

describe('the text that fills "Sager på vej til byrådet"', () => {
  it('gives one paragraph per planned treatment with a Danish date', () => {
    expect(
      casesToCouncilText([
        row('2023-11-20', 'Magistraten', 'Vinterhjælp'),
        row('2023-12-06', 'Aarhus Byråd', 'Klimastrategi'),
      ]),
    ).toBe(
      '20. november 2023, Magistraten: Vinterhjælp (EMN-2023-012026)\n\n6. december 2023, Aarhus Byråd: Klimastrategi',
    );
  });

  it('says so when nothing is planned', () => {
    expect(casesToCouncilText([])).toBe(
      'Ingen sager er planlagt til behandling i Magistraten eller Byrådet.',
    );
  });

  it('stays within the item purpose limit, cutting at a whole paragraph', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      row('2024-01-10', 'Magistraten', `Sag nummer ${i} med en lang titel om noget vigtigt`),
    );
    const text = casesToCouncilText(many);
    expect(text.length).toBeLessThanOrEqual(10_000);
    expect(text.endsWith('vigtigt')).toBe(true);
  });
});
