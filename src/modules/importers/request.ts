import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor } from '../../platform/auth/plugin';
import { can, type Actor } from '../../platform/auth/policy';
import { AppError } from '../../platform/errors';
import type { ImportDeps } from './service';

/** The administrator's actor, or 404: the page is not there for anyone else. */
export function requireImportActor(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!can(actor, 'import.run')) throw new AppError('NOT_FOUND');
  return actor;
}

/** The dependencies of an import run from a request. */
export function importDeps(app: FastifyInstance, actor: Actor): ImportDeps {
  return {
    actor,
    db: app.database.db,
    blobs: app.blobs,
    limits: { maxBytes: app.config.uploadMaxBytes },
    maxExportBytes: app.config.importMaxBytes,
  };
}
