// The month names and the year links that several of the annual plan's pages use.
import { da } from '../../../platform/i18n/da';

const a = da.annualPlan;

export const monthName = (month: number) => a.months[month - 1] ?? String(month);

export const yearPlanHref = (organizationId: string, year: number) =>
  `/aarshjul?organisation=${organizationId}&aar=${year}`;
