export { buildOparlGraph, legislativeTermStart, oparlUrls, type OparlObject } from './graph';
export { oparlPrefix, oparlRoutes } from './routes';
