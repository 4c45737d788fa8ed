# syntax=docker/dockerfile:1
# wa-moderator: the compiled bot (node dist/main.js) on Node 24, as a non-root user.
#   docker build -t wa-moderator .
#   docker run --env-file .env -p 3000:3000 -v wam-data:/app/data wa-moderator
# compose.yaml runs two replicas on PostgreSQL; README "Running in production" explains both.

ARG NODE_IMAGE=node:24-slim

# ---- build: every dependency, sqlite3 compiled for this image, TypeScript compiled to dist/, dev deps pruned
FROM ${NODE_IMAGE} AS build
# sqlite3 compiles from source when its prebuilt binary cannot be downloaded: python3, make and g++ do that.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, so that a source change neither reinstalls them nor recompiles sqlite3. sqlite3 is the only
# production dependency with an install script; the others' scripts (dev tools) are not needed to build. patches/
# holds our fix to a dependency (README "Patched dependencies"), applied as `npm ci` does.
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && npm rebuild sqlite3 \
  && npx patch-package --error-on-fail
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: Node, the production node_modules and dist/, nothing else
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  PORT=3000 \
  STORE_URL=sqlite:///app/data/wa-moderator.sqlite
WORKDIR /app
# package.json: the bot reads its own version from it (the User-Agent of its Graph calls).
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's files stay root's, read-only to the bot; only the SQLite folder and V8's code cache are the bot's own.
RUN mkdir -p /app/data /app/.compile-cache && chown node:node /app/data /app/.compile-cache
VOLUME ["/app/data"]
USER node
# Node keeps the compiled code of every module here; filled now, it spares each container's start about a third of
# its module loading (measured on Node 24: 450-540 ms instead of 770-1100 ms to load the bot's modules).
ENV NODE_COMPILE_CACHE=/app/.compile-cache
RUN node --max-old-space-size=128 --max-semi-space-size=4 --single-threaded-gc --input-type=module \
  -e "await import('/app/dist/wiring.js'); await import('/app/dist/config/load-config.js')"
EXPOSE 3000
# /healthz answers at once from the last background probe of the store and WhatsApp: 200, or 503 while one fails.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4500) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM stops the bot gracefully within 10 s (compose.yaml gives it 15 s before SIGKILL).
STOPSIGNAL SIGTERM
# The node flags of `npm start`. Heap limits: the bot's live heap is about 40 MiB, and without a limit V8 lets garbage
# grow the heap to several hundred MiB under load on a host with memory to spare (bench/startup-memory.ts measures
# both). GC on the main thread alone: on the one or two CPUs a container gets, V8's GC helper threads wait for a CPU
# while the event loop waits for them (bench/slack-ack-latency.ts: ack p99 at 500 checks/s halved on Node 20).
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=4", "--single-threaded-gc", "dist/main.js"]
