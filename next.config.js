// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The custom server (lib/server) adds X-Inkwell-Instance, Server-Timing and a request id.
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded by Node, not bundled: one mongoose/ioredis/pino per process, shared with the server.
  serverExternalPackages: ['mongoose', 'ioredis', 'pino', 'inngest', 'sharp', '@node-rs/argon2'],
  typedRoutes: false,
};

module.exports = nextConfig;
