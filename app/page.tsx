// `/` for a request the proxy did not send to the cached overview (proxy.ts): no valid session, or a role
// that may not see it. requireUser answers those with the sign-in redirect or a 403; should a viewer ever
// arrive here, the overview is rendered for this request alone.
import { requireUser } from '@/lib/auth/session';
import { Overview } from './_components/overview/overview';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireUser('viewer', '/');
  return <Overview cachedForSeconds={null} />;
}
