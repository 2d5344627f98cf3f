// next-auth: email + password (credentials) always, and the site's OpenID Connect provider when AUTH_OIDC_*
// is set. Sessions are JWTs in an HttpOnly SameSite=Lax cookie (the credentials provider requires JWTs)
// that expire 12 hours after sign-in. The config is built on first use, not at import, so `next build`
// never reads the environment or creates the secret file.
import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { getDb } from '../../db/client';
import { findUserByEmail } from '../../db/queries/users';
import { getEnv } from '../env';
import { createLogger } from '../log';
import { recordAudit } from './audit';
import { clientAddressFrom } from './client-address';
import { authorizeCredentials } from './credentials';
import { loadAuthSecret } from './secret';

export const SESSION_MAX_AGE_SECONDS = 12 * 3600;

/** Shown on the sign-in page as `?code=throttled`. */
class ThrottledSignin extends CredentialsSignin {
  code = 'throttled';
}

function buildConfig(): NextAuthConfig {
  const env = getEnv();
  const log = createLogger('auth');
  const providers: NextAuthConfig['providers'] = [
    Credentials({
      id: 'credentials',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const address = clientAddressFrom(request.headers);
        const result = await authorizeCredentials(getDb(), { email: credentials.email, password: credentials.password, address });
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
        if (result.reason === 'throttled') throw new ThrottledSignin();
        return null;
      },
    }),
  ];
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({
      id: 'oidc',
      name: env.AUTH_OIDC_NAME,
      type: 'oidc',
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      checks: ['pkce', 'state', 'nonce'],
    });
  }

  return {
    secret: loadAuthSecret(env),
    // Self-hosted behind whatever name the site uses; redirects still only go to this same origin.
    trustHost: true,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers,
    callbacks: {
      // OIDC proves who someone is; only people an admin has added (by email) may come in.
      async signIn({ account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const email = typeof profile?.email === 'string' ? profile.email.toLowerCase() : null;
        const user = email && profile?.email_verified !== false ? await findUserByEmail(getDb(), email) : undefined;
        const ok = Boolean(user && !user.disabled);
        const address = clientAddressFrom(await headers());
        await recordAudit({ actor: email ?? 'unknown', action: ok ? 'auth.signin' : 'auth.signin_failed', target: email, address,
          details: { provider: 'oidc', ...(ok ? {} : { reason: user ? 'disabled' : 'not_a_user' }) } });
        return ok;
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === 'credentials' && user?.id) token.uid = user.id;
        if (account?.provider === 'oidc' && typeof profile?.email === 'string') {
          token.uid = (await findUserByEmail(getDb(), profile.email))?.id;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: typeof token.uid === 'string' ? token.uid : '' } };
      },
    },
    logger: {
      // A wrong password is an audit entry, not a server error.
      error(error) {
        const type = (error as { type?: string }).type;
        if (type === 'CredentialsSignin' || type === 'AccessDenied') return;
        log.error({ err: error, type }, 'auth error');
      },
      warn(code) {
        log.warn({ code }, 'auth warning');
      },
      debug() {},
    },
  };
}

let config: NextAuthConfig | undefined;

export const { handlers, auth, signIn, signOut } = NextAuth(() => (config ??= buildConfig()));
