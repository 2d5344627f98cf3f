// next-auth's endpoints (csrf, callback, session, signout): the sign-in flow, the only unauthenticated
// routes besides /api/healthz. Its POSTs carry next-auth's own CSRF token.
import { handlers } from '@/lib/auth/config';

export const dynamic = 'force-dynamic';
export const { GET, POST } = handlers;
