import type { Actor } from '../../platform/auth/policy';
import type { Tx } from '../../platform/db/transaction';
import type { TopicCreateInput, TreatmentCreateInput } from './schemas';
import { createTopic } from './topics';
import { addTreatment } from './treatments';

/**
 * The seed names an "Årshjul over sager til Social- og Beskæftigelsesudvalget" but does not
 * print it, so these topics are assumed, built on what the seed does mention: the § 18 pool with
 * its 1 October deadline, the rådighedsbeløb adjusted every 1 January from the October index, and
 * the city council's climate debate on 20 December 2023.
 */
const demoTopics: ReadonlyArray<{ organization: string } & TopicCreateInput> = [
  {
    organization: 'sbu',
    title: 'Status på beskæftigelsesindsatsen',
    month: 11,
    year: 2023,
    recursYearly: true,
    responsible: 'Sociale Forhold og Beskæftigelse',
    note: null,
  },
  {
    organization: 'sbu',
    title: 'Klimastrategi: udvalgets bidrag før byrådets drøftelse den 20. december',
    month: 12,
    year: 2023,
    recursYearly: false,
    responsible: 'Teknik og Miljø',
    note: 'Byrådet drøfter den strategiske retning og de overordnede mål den 20. december 2023.',
  },
  {
    organization: 'sbu',
    title: 'Regnskab og budgetopfølgning',
    month: 4,
    year: 2023,
    recursYearly: true,
    responsible: 'Fagligt Sekretariat',
    note: null,
  },
  {
    organization: 'raadmandskreds',
    title: 'Pulje til økonomisk trængte (§ 18-midler): ansøgningsfrist 1. oktober',
    month: 9,
    year: 2023,
    recursYearly: true,
    responsible: 'Fagligt Sekretariat',
    note: null,
  },
  {
    organization: 'raadmandskreds',
    title: 'Det vejledende rådighedsbeløb for det kommende år',
    month: 11,
    year: 2023,
    recursYearly: true,
    responsible: 'Fagligt Sekretariat',
    note: 'Reguleres 1. januar på baggrund af nettoprisindekset for oktober.',
  },
];

/** The seed memo's assumed path after the rådmandsmøde: magistrat, then city council. */
const demoTreatments: ReadonlyArray<
  { paper: string; organization: string } & Omit<TreatmentCreateInput, 'organizationId'>
> = [
  { paper: 'vinterhjaelp', organization: 'raadmandskreds', plannedDate: '2023-11-13', note: null },
  { paper: 'vinterhjaelp', organization: 'magistrat', plannedDate: '2023-11-20', note: null },
  { paper: 'vinterhjaelp', organization: 'byraad', plannedDate: '2023-11-29', note: null },
];

/** Adds the demo årshjul and planned treatments, given the demo's organization and paper ids. */
export async function loadAnnualPlanDemo(
  tx: Tx,
  ids: { organizations: ReadonlyMap<string, string>; papers: ReadonlyMap<string, string> },
): Promise<void> {
  const ctx = { actor: { kind: 'system', label: 'demo' } satisfies Actor, tx };
  const idOf = (map: ReadonlyMap<string, string>, key: string) => {
    const id = map.get(key);
    if (!id) throw new Error(`demo data: unknown key "${key}"`);
    return id;
  };
  for (const { organization, ...topic } of demoTopics) {
    await createTopic({
      ...ctx,
      organizationId: idOf(ids.organizations, organization),
      input: topic,
    });
  }
  for (const { paper, organization, ...treatment } of demoTreatments) {
    await addTreatment({
      ...ctx,
      paperId: idOf(ids.papers, paper),
      input: {
        ...treatment,
        organizationId: idOf(ids.organizations, organization),
      },
    });
  }
}
