# syntax=docker/dockerfile:1
# Inkwell: the Next.js app behind its own Node server (.build/server.js). Three stages: the
# dependencies, the build, and a runtime that holds only what `npm start` reads, run as a
# non-root user. No secrets are baked in: every setting comes from the environment at run time
# (.env.example, docs/deploy.md).
ARG NODE_IMAGE=node:20-bookworm-slim

# --- deps: every dependency (the build needs the dev ones) ----------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# sharp and @node-rs/argon2 come as prebuilt native packages for linux-x64/arm64 (glibc),
# chosen by npm for the platform it runs on: build the image on (or for) the target platform.
RUN npm ci --no-audit --no-fund

# --- build: next build + the esbuild bundle of the server, then production deps only --------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build \
 && rm -rf .next/cache \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
# The image's `node` user (uid 1000). Files stay root-owned and read-only to it; the only
# writable places are Next's caches (.next/cache, and .next/server/route-cache where it keeps
# the bodies of static route handlers such as /icon.svg on first request) and /tmp, so the root
# file system can be mounted read-only (deploy/k8s/deployment.yaml mounts emptyDirs there).
COPY --from=build /app/package.json /app/next.config.js ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/public ./public
COPY --from=build /app/.build ./.build
COPY --from=build /app/.next ./.next
RUN mkdir -p .next/cache .next/server/route-cache \
 && chown 1000:1000 .next/cache .next/server/route-cache
USER 1000:1000
EXPOSE 3000
# Liveness only (the process answers): a store outage must not mark the container unhealthy.
# Load balancers use /api/health/ready. No curl in the slim image: Node's fetch does it.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly (not npm) so SIGTERM reaches the server, which drains (ready → 503) and exits.
CMD ["node", ".build/server.js"]
