// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The custom server (lib/server) adds X-Inkwell-Instance, Server-Timing and a request id.
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded by Node, not bundled: one mongoose/ioredis/pino per process, shared with the server.
  serverExternalPackages: ['mongoose', 'ioredis', 'pino', 'inngest', 'sharp', '@node-rs/argon2'],
  typedRoutes: false,
  experimental: {
    // Instances keep nothing on their own disk: Next would otherwise write each static route's
    // body (icon.svg, robots.txt) under .next/server at its first request.
    isrFlushToDisk: false,
    // The proxy (proxy.ts) buffers a body to let both it and the route read it: at most the
    // largest body any route accepts (lib/http/body-limits.ts; the server refuses larger ones
    // before they are read, and a unit test keeps the two equal).
    proxyClientMaxBodySize: 5 * 1024 * 1024 + 64 * 1024,
  },
};

module.exports = nextConfig;
