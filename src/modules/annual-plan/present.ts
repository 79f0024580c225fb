import type { z } from 'zod';
import { da } from '../../platform/i18n/da';
import type { CaseToCouncilRow, TopicRow, TreatmentView } from './repository';
import type {
  annualPlanResponse,
  caseToCouncilResponse,
  topicResponse,
  treatmentResponse,
} from './schemas';
import type { YearPlan } from './topics';

export function presentTopic(topic: TopicRow): z.input<typeof topicResponse> {
  return {
    id: topic.id,
    organizationId: topic.organizationId,
    title: topic.title,
    month: topic.month,
    year: topic.year,
    recursYearly: topic.recursYearly,
    responsible: topic.responsible,
    note: topic.note,
  };
}

export function presentYearPlan(plan: YearPlan): z.input<typeof annualPlanResponse> {
  return {
    organization: { id: plan.organization.id, name: plan.organization.name },
    year: plan.year,
    months: plan.months.map(({ month, topics }) => ({
      month,
      name: da.annualPlan.months[month - 1] ?? '',
      topics: topics.map(presentTopic),
    })),
  };
}

export function presentTreatment(treatment: TreatmentView): z.input<typeof treatmentResponse> {
  return {
    id: treatment.id,
    paperId: treatment.paperId,
    organization: {
      id: treatment.organizationId,
      name: treatment.organizationName,
      classification: treatment.organizationClassification,
    },
    plannedDate: treatment.plannedDate,
    note: treatment.note,
  };
}

export function presentCaseToCouncil(row: CaseToCouncilRow): z.input<typeof caseToCouncilResponse> {
  return {
    ...presentTreatment(row),
    paper: { id: row.paperId, title: row.paperTitle, caseNumber: row.paperCaseNumber },
  };
}
