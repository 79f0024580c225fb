export { annualPlanRoutes } from './routes';
export { annualPlanPages } from './pages';
export {
  addTopicToAgenda,
  addTreatment,
  createTopic,
  fillCasesToCouncil,
  getYearPlan,
  listCasesToCouncil,
  listTreatments,
} from './service';
export { loadAnnualPlanDemo } from './demo';
