import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../test/app-harness';
import { isEngineUnavailable } from '../test/database';
import {
  absentInDemo,
  callRoute,
  idsForCall,
  prepareCallers,
  streamingRoutes,
  type Caller,
} from '../test/route-requests';
import type { RoutePolicy } from './platform/auth/route-policy';

/**
 * The authorization matrix, generated from the route table: every route the app registers is
 * called as every role and anonymously, and the answer is checked against the policy the route
 * declares in its config (`config: { policy }`). A route without a policy fails the first test.
 *
 * What is checked: anonymous callers are sent to the login (401 or a redirect) everywhere but
 * on public routes; a role a read is not for gets 403 or 404, a role it is for gets its page
 * or data; a write by a role it is not for never succeeds. Writes are sent with an empty body,
 * on resources the caller may act on (test/route-requests.ts), so a permitted write answers
 * 2xx/3xx or a validation or state error (400, 409, …), never 401, 403 or 404.
 */
type Outcome = 'login' | 'denied' | 'allowed' | 'invalid' | 'error';

function outcome(response: LightMyRequestResponse): Outcome {
  const status = response.statusCode;
  if (status >= 500) return 'error';
  const location = String(response.headers.location ?? '');
  if (status === 401 || (status === 303 && /^\/login(\?|$)/.test(location))) return 'login';
  if (status === 403 || status === 404) return 'denied';
  if (status >= 400) return 'invalid';
  return 'allowed';
}

const routeKey = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

function isPermitted(policy: RoutePolicy, caller: Caller): boolean {
  if (policy === 'public') return true;
  if (caller === 'anonymous') return false;
  return policy === 'signedIn' || policy.includes(caller);
}

function expected(
  policy: RoutePolicy,
  caller: Caller,
  isWrite: boolean,
  isAbsent: boolean,
): readonly Outcome[] {
  // Public routes answer everyone; logging in with a wrong password is a 401 there too.
  if (policy === 'public') return ['allowed', 'invalid', 'denied', 'login'];
  if (caller === 'anonymous') return ['login'];
  if (!isPermitted(policy, caller)) return isWrite ? ['denied', 'invalid'] : ['denied'];
  if (isAbsent) return ['allowed', 'invalid', 'denied'];
  return ['allowed', 'invalid'];
}

/** Callers that share one app: their permitted writes do not disturb each other's reads. */
const callerGroups: ReadonlyArray<readonly Caller[]> = [
  ['anonymous', 'reader', 'participant', 'case_officer'],
  ['secretary'],
  ['administrator'],
];

describe.skipIf(isEngineUnavailable())('authorization matrix', () => {
  it('has a declared policy for every route', async () => {
    const t = await createTestApp();
    try {
      const undeclared = t.app.routeTable
        .filter((route) => route.method !== 'HEAD' && route.policy === undefined)
        .map(routeKey);
      expect(undeclared, 'routes without config.policy').toEqual([]);
    } finally {
      await t.close();
    }
  });

  it.each(callerGroups)(
    'answers every route as its policy says: %s',
    async (...group: Caller[]) => {
      const t = await createTestApp({ demo: true });
      try {
        const { users, idsOf } = await prepareCallers(t.database);
        const routes = t.app.routeTable
          .filter((route) => route.method !== 'HEAD' && !streamingRoutes.has(route.url))
          // Reads first, deletions last, so a caller's permitted writes do not hide its reads.
          .sort((a, b) => rank(a) - rank(b));
        const mismatches: string[] = [];
        for (const caller of group) {
          const user = caller === 'anonymous' ? undefined : users[caller];
          for (const route of routes) {
            const policy = route.policy;
            if (policy === undefined) continue;
            const isWrite = route.method !== 'GET';
            // Only a caller the route is for uses a resource up, so the others' reads stay intact.
            const ids =
              user && isPermitted(policy, caller)
                ? await idsForCall(t.database, route, idsOf(caller), user)
                : idsOf(caller);
            const response = await callRoute(t.app, route, ids, user);
            const got = outcome(response);
            if (!expected(policy, caller, isWrite, absentInDemo.has(route.url)).includes(got))
              mismatches.push(`${caller} ${routeKey(route)} → ${response.statusCode} (${got})`);
          }
        }
        expect(mismatches).toEqual([]);
      } finally {
        await t.close();
      }
    },
    // Up to a thousand requests per group: on a busy machine more than the default allows.
    180_000,
  );
});

function rank(route: { method: string; url: string }): number {
  if (route.method === 'GET') return 0;
  if (route.method === 'DELETE' || /\/(slet|tilbagetraek)$/.test(route.url)) return 2;
  return 1;
}
