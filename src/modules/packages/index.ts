export { audiences, buildMeetingPackage, isAudience, type Audience } from './service';
export { packageRoutes } from './routes';
export { startPackageWorker } from './jobs';
export { readPackageStates, type PackageState } from './states';
