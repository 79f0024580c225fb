export { loadDemo, readDemoData, type DemoSummary } from './load-demo';
