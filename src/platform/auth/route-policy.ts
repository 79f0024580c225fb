import type { Role } from './roles';

/**
 * Who a route is for, declared in its config (`config: { policy }`): everyone ('public'), any
 * signed-in user ('signedIn'), or the roles listed. Only 'public' changes what happens (the auth
 * plugin lets anonymous requests in); the roles say whom the route serves, and the services'
 * `can` checks and module rules decide each request. The authorization matrix test
 * (src/authorization-matrix.int.test.ts) calls every route as every role and holds the answers
 * to the declaration, so a route without one fails it.
 */
export type RoutePolicy = 'public' | 'signedIn' | readonly Role[];

/** The role groups routes are for. */
export const policies = {
  /** The secretariat: meetings, agendas, minutes, publishing. */
  staff: ['administrator', 'secretary'],
  /** Those who write papers (sager): the secretariat and case officers. */
  writers: ['administrator', 'secretary', 'case_officer'],
  /** Everyone but readers (the annual plan, topics, cases on their way to the council). */
  members: ['administrator', 'secretary', 'case_officer', 'participant'],
  /** Those who sign off minutes. */
  signers: ['administrator', 'secretary', 'participant'],
  administrators: ['administrator'],
} as const satisfies Record<string, RoutePolicy>;
