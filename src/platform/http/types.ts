import type { Actor } from '../auth/policy';
import type { RoutePolicy } from '../auth/route-policy';
import type { BlobStore } from '../blobs/blob-store';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { LiveEvents } from '../events/live-events';

export type RouteSummary = { method: string; url: string; policy: RoutePolicy | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    blobs: BlobStore;
    liveEvents: LiveEvents;
    /** The server's workers and timers (src/background.ts), for requests that queue work. */
    background: { wakePackageWorker(): void };
    /** Every route as registered, for the authorization matrix test and the docs. */
    routeTable: readonly RouteSummary[];
  }
  interface FastifyRequest {
    /** Set by the auth plugin when the request is signed in (session or bearer token). */
    actor: Actor | undefined;
    /** True when the actor came from an Authorization header (no cookie, so no CSRF check). */
    isTokenAuthenticated: boolean;
  }
  interface FastifyContextConfig {
    /**
     * Who the route is for (see platform/auth/route-policy.ts); 'public' is reachable without
     * signing in (login page, health check, static files, the portal).
     */
    policy?: RoutePolicy;
    /** Takes multipart bodies (file uploads); every other route refuses them unread. */
    acceptsUploads?: boolean;
  }
  interface Session {
    userId?: string;
    /** Signed in with a one-time password: every page but the password change is closed. */
    passwordChangeRequired?: boolean;
    /** Epoch milliseconds of the last request, kept to the minute (for the idle timeout). */
    lastSeenAt?: number;
    /**
     * Epoch milliseconds of the sign-in. The session store refuses a session signed in before
     * its user's last password change.
     */
    signedInAt?: number;
  }
}
