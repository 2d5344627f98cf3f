// GET /api/me: who is signed in, for the top bar's menu (app/_components/user-menu.tsx). Read from the users
// row on every call, like every page's check, so a changed role shows on the next page.
import { getCurrentUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export interface SignedInUser {
  email: string;
  role: string;
}

export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  const headers = { 'cache-control': 'private, no-store' };
  if (!user) return Response.json({ error: 'unauthorized' }, { status: 401, headers });
  const body: SignedInUser = { email: user.email, role: user.role };
  return Response.json(body, { headers });
}
