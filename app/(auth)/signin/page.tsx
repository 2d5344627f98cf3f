// The sign-in page: email + password, and the site's single sign-on when AUTH_OIDC_* is configured.
import type { Metadata } from 'next';
import { getEnv } from '@/lib/env';
import { isLocalPath } from '@/lib/auth/session';
import { signInWithOidc } from '../actions';
import { SignInForm } from './signin-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

// next-auth's own endpoints come back here with ?error=…&code=… (e.g. a POST to /api/auth/callback/credentials).
const MESSAGES: Record<string, string> = {
  credentials: 'Wrong email or password.',
  throttled: 'Too many failed sign-ins for this account or address. Wait a few minutes, then try again.',
  AccessDenied: 'That account may not sign in here. Ask an admin to add you.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === 'string' && isLocalPath(params.callbackUrl) ? params.callbackUrl : '/';
  const code = typeof params.code === 'string' ? params.code : typeof params.error === 'string' ? params.error : undefined;
  const initialError = code ? (MESSAGES[code] ?? 'Sign-in failed. Try again.') : undefined;
  const env = getEnv();
  const oidc = env.AUTH_OIDC_ISSUER ? env.AUTH_OIDC_NAME : null;
  return (
    <section className="panel narrow">
      <h1>Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} initialError={initialError} />
      {oidc ? (
        <form action={signInWithOidc} className="form">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="secondary">Sign in with {oidc}</button>
        </form>
      ) : null}
    </section>
  );
}
