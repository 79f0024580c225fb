export { loadDemoData, loadDemoIfEmpty, readDemoData, type DemoSummary } from './load-demo';
