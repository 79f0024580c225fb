import type { Db } from '../../platform/db/client';
import { readOrganizationData } from '../organizations/index';
import { readAllPublications } from '../publishing/index';
import { buildOparlGraph, type OparlGraph } from './graph';

/**
 * The public OParl graph as it is now. Built whole per request: a municipality publishes a few
 * hundred meetings a year, and one consistent read keeps lists, objects and `modified` in step.
 */
export async function loadOparlGraph(
  tx: Db,
  options: { publicBaseUrl: string; municipalityCode: string | undefined },
): Promise<OparlGraph> {
  const publications = await readAllPublications({ tx });
  const data = await readOrganizationData({ tx });
  return buildOparlGraph({ ...options, data, publications, now: new Date() });
}
