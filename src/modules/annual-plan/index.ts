export { annualPlanRoutes } from './routes';
export { annualPlanPages } from './pages';
export { addTreatment, fillCasesToCouncil, listCasesToCouncil, listTreatments } from './treatments';
export { addTopicToAgenda, createTopic, getYearPlan } from './topics';
export { loadAnnualPlanDemo } from './demo';
