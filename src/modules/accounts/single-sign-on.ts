import * as oidc from 'openid-client';
import { roles, type Role } from '../../platform/auth/roles';
import type { OidcConfig } from '../../platform/config';
import { AppError } from '../../platform/errors';
import { da } from '../../platform/i18n/da';

/** What the session remembers between sending the browser to the provider and its return. */
export type PendingLogin = { state: string; nonce: string; codeVerifier: string };

/** Who the provider says signed in, with the role its claims map to. */
export type SsoIdentity = {
  subject: string;
  email: string;
  /** The provider vouches for the address (the email_verified claim). */
  emailVerified: boolean;
  name: string;
  role: Role;
};

export type SingleSignOn = {
  displayName: string;
  /** The provider's authorization URL (code flow with PKCE), and what to keep in the session. */
  start(redirectUri: string): Promise<{ url: string; pending: PendingLogin }>;
  /** Exchanges the code in the callback URL and reads the user's claims. */
  finish(callbackUrl: URL, pending: PendingLogin): Promise<SsoIdentity>;
};

/**
 * The role for a user's claim values: the mapped role that may do most, else the default,
 * else none (the user is refused). The claim may be one value or a list, as providers differ.
 */
export function roleFromClaim(
  claim: unknown,
  roleMap: ReadonlyMap<string, Role>,
  defaultRole: Role | undefined,
): Role | undefined {
  const values = Array.isArray(claim) ? claim : [claim];
  const mapped = values
    .filter((value): value is string => typeof value === 'string')
    .map((value) => roleMap.get(value))
    .filter((role): role is Role => role !== undefined)
    .sort((a, b) => roles.indexOf(a) - roles.indexOf(b));
  return mapped[0] ?? defaultRole;
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** An OpenID Connect relying party (openid-client); the provider is discovered on first use. */
export function createSingleSignOn(config: OidcConfig): SingleSignOn {
  const issuer = new URL(config.issuer);
  // Plain http only for a provider on this machine (development and the tests).
  const execute =
    issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [];
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(issuer, config.clientId, config.clientSecret, undefined, { execute })
      .catch((error: unknown) => {
        // Try again at the next login rather than remembering an outage.
        discovered = undefined;
        throw new AppError('SSO_FAILED', { message: da.auth.ssoUnavailable, cause: error });
      });
    return discovered;
  };

  return {
    displayName: config.displayName,
    async start(redirectUri) {
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: config.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },
    async finish(callbackUrl, pending) {
      const provider = await configuration();
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new Error('no ID token');
        // Groups and roles often come only from userinfo.
        const userInfo = await oidc.fetchUserInfo(provider, tokens.access_token, idClaims.sub);
        claims = { ...userInfo, ...idClaims };
      } catch (error) {
        throw new AppError('SSO_FAILED', { message: da.auth.ssoFailed, cause: error });
      }
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
      if (!email) throw new AppError('SSO_FAILED', { message: da.auth.ssoNoEmail });
      const role = roleFromClaim(claims[config.roleClaim], config.roleMap, config.defaultRole);
      if (!role) throw new AppError('FORBIDDEN', { message: da.auth.ssoNoRole });
      const name =
        typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : email;
      const emailVerified = claims.email_verified === true;
      return { subject: String(claims.sub), email, emailVerified, name, role };
    },
  };
}
