import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { startBackgroundWork } from './background';
import { registerAuth } from './platform/auth/plugin';
import type { BlobStore } from './platform/blobs/blob-store';
import { openConfiguredBlobStore } from './platform/blobs/open';
import type { Config } from './platform/config';
import { projectPath } from './platform/project-root';
import type { Database } from './platform/db/client';
import type { RouteSummary } from './platform/http/types';
import { createLiveEvents } from './platform/events/live-events';
import { registerPublicCache } from './platform/http/public-cache';
import { registerErrorHandling } from './platform/http/error-handler';
import { registerInputGuard } from './platform/http/input-guard';
import { registerUploads } from './platform/http/upload';
import './platform/http/types';
import {
  accountPages,
  accountRoutes,
  maskInvitationToken,
  userAdminPages,
  userAdminRoutes,
  actorForToken,
  actorForUser,
  createSessionStore,
} from './modules/accounts/index';
import { annualPlanPages, annualPlanRoutes } from './modules/annual-plan/index';
import { auditLogPages } from './modules/audit-log/index';
import { importPages, importRoutes } from './modules/importers/index';
import { calendarPages, calendarRoutes, maskFeedToken } from './modules/calendar/index';
import { portalPages, publicationPreviewPages } from './modules/portal/index';
import { homePages } from './modules/home/index';
import { privacyPages, privacyRoutes } from './modules/privacy/index';
import { healthRoutes } from './modules/health/index';
import { meetingPages, meetingRoutes, templatePages } from './modules/meetings/index';
import {
  meetingRulesPages,
  meetingRulesRoutes,
  membershipPages,
  membershipRoutes,
  organizationRoutes,
  personRoutes,
} from './modules/organizations/index';
import { personPages } from './modules/people/index';
import { packageRoutes, readPackageStates } from './modules/packages/index';
import {
  paperAttachmentRoutes,
  paperDocumentRoutes,
  paperPages,
  paperRoutes,
} from './modules/papers/index';
import { minutesPages, minutesRoutes } from './modules/minutes/index';
import { publicationsTopic, publishingPages, publishingRoutes } from './modules/publishing/index';
import {
  approvalPages,
  approvalRoutes,
  submissionPages,
  submissionRoutes,
} from './modules/submissions/index';
import { oparlRoutes } from './modules/oparl/index';
import { searchPages, searchRoutes } from './modules/search/index';

z.config(z.locales.da());

export type AppOptions = {
  config: Config;
  database: Database;
  /** Where file contents live; by default the configured store (DATA_DIR/blobs or BLOB_URL). */
  blobs?: BlobStore;
  logger?: FastifyServerOptions['logger'];
};

/** Fastify's request log fields, with the secret in a calendar feed or invitation URL masked. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: maskInvitationToken(maskFeedToken(request.url)),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}

/** Builds the whole HTTP application: platform plugins, then every module's routes and pages. */
/**
 * Pages load scripts and styles only from our own origin, and no inline code or style: an
 * injected <script> or style attribute does nothing even if escaping ever failed.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The interactive API docs (Swagger UI) set one style attribute of their own; it is allowed by
 * its hash alone ('unsafe-hashes' applies to that exact value, not to inline styles in general).
 * The browser test fails if a Swagger UI update changes it.
 */
const apiDocsSecurityPolicy = contentSecurityPolicy.replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-hashes' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
);

export async function buildApp({
  config,
  database,
  blobs,
  logger,
}: AppOptions): Promise<FastifyInstance> {
  const loggerOptions = logger ?? { level: config.logLevel };
  const app = Fastify({
    logger:
      typeof loggerOptions === 'object'
        ? { serializers: { req: serializeRequest }, ...loggerOptions }
        : loggerOptions,
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  const routeTable: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    // Routes made by plugins (static files, the API docs) cannot be given a config of their own.
    const pluginPolicy = route.url.startsWith('/static/')
      ? 'public'
      : route.url.startsWith('/api/v1/docs')
        ? 'signedIn'
        : undefined;
    if (route.config?.policy === undefined && pluginPolicy !== undefined)
      route.config = { ...route.config, policy: pluginPolicy };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      routeTable.push({ method, url: route.url, policy: route.config?.policy });
  });
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('blobs', blobs ?? (await openConfiguredBlobStore(config)));
  // On a shared PostgreSQL the other instances' live viewers must hear of a change too; its
  // client (pg) is loaded only then, as on PGlite it would only slow the start.
  const { databaseUrl } = config;
  const liveEvents =
    databaseUrl === undefined
      ? createLiveEvents()
      : await import('./platform/events/postgres-live-events').then((shared) =>
          shared.createPostgresLiveEvents({
            connectionString: databaseUrl,
            db: database.db,
            log: app.log,
          }),
        );
  app.decorate('liveEvents', liveEvents);
  app.addHook('onClose', () => liveEvents.close());
  // Public pages and OParl from memory; emptied when a publication changes (see publishing).
  registerPublicCache(app, { prefixes: ['/offentlig', '/oparl/v1.1'], topic: publicationsTopic });
  registerErrorHandling(app);

  app.decorate('background', startBackgroundWork(app));

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // Routes that serve files set a stricter policy of their own (a sandbox).
    if (!reply.hasHeader('content-security-policy'))
      reply.header(
        'content-security-policy',
        request.url.startsWith('/api/v1/docs') ? apiDocsSecurityPolicy : contentSecurityPolicy,
      );
    // Only over https (directly, or behind a proxy with TRUST_PROXY=1): on plain http it means nothing.
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  await app.register(fastifyFormbody);
  // Uploads arrive as multipart forms, read on the routes that take files only.
  await registerUploads(app, {
    fileBytes: config.uploadMaxBytes,
    totalBytes: 2 * config.uploadMaxBytes,
  });
  // After the uploads: their preValidation hook puts a multipart form's fields on the body.
  registerInputGuard(app);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, {
    root: projectPath('node_modules/dkfds/dist/'),
    prefix: '/static/dkfds/',
    maxAge: '1d',
  });
  await app.register(fastifyStatic, {
    root: projectPath('src/public/'),
    prefix: '/static/app/',
    decorateReply: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Dagsorden API',
        description:
          'Møder, dagsordener og tidsplaner. Log ind med et personligt token: `Authorization: Bearer <token>`.',
        version: '1',
      },
      servers: [{ url: config.publicBaseUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(registerAuth, {
    sessionSecret: config.sessionSecret,
    sessionStore: createSessionStore(() => database.db),
    sessionIdleMinutes: config.sessionIdleMinutes,
    actorForUser: (userId, requestId) => actorForUser(database.db, userId, requestId),
    actorForToken: (token, requestId) => actorForToken(database.db, token, requestId),
  });

  // After auth, so the interactive docs are for signed-in users like the rest of the API.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/v1/docs' });
  await app.register(healthRoutes);
  await app.register(accountPages);
  await app.register(accountRoutes);
  await app.register(userAdminRoutes);
  await app.register(userAdminPages);
  await app.register(organizationRoutes);
  await app.register(membershipRoutes);
  await app.register(membershipPages);
  await app.register(personRoutes);
  await app.register(personPages);
  await app.register(meetingRulesRoutes);
  await app.register(meetingRulesPages);
  await app.register(meetingRoutes);
  await app.register(meetingPages, { readPackageStates });
  await app.register(templatePages);
  await app.register(paperRoutes);
  await app.register(paperAttachmentRoutes);
  await app.register(paperDocumentRoutes);
  await app.register(paperPages);
  await app.register(submissionRoutes);
  await app.register(submissionPages);
  await app.register(approvalRoutes);
  await app.register(approvalPages);
  await app.register(packageRoutes);
  await app.register(minutesRoutes);
  await app.register(minutesPages);
  await app.register(publishingRoutes);
  await app.register(publishingPages);
  await app.register(annualPlanRoutes);
  await app.register(annualPlanPages);
  await app.register(auditLogPages);
  await app.register(importRoutes);
  await app.register(importPages);
  await app.register(privacyRoutes);
  await app.register(privacyPages);
  await app.register(calendarRoutes);
  await app.register(searchRoutes);
  await app.register(searchPages);
  await app.register(calendarPages);
  await app.register(oparlRoutes);
  await app.register(portalPages);
  await app.register(publicationPreviewPages);
  await app.register(homePages);

  app.get(
    '/api/v1/openapi.json',
    { schema: { hide: true }, config: { policy: 'signedIn' } },
    async () => app.swagger(),
  );

  return app;
}
