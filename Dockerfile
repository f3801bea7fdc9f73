# Kierto: one image for both processes. The default CMD runs the api; the worker runs the same image
# with `node -r @swc-node/register apps/worker/src/main.ts` (see docker-compose.yml).
# TypeScript runs directly through @swc-node/register (a runtime dependency), so there is no build step.
# Both processes run the DB migrations themselves at start (under an advisory lock).

# ---- deps: production node_modules only -----------------------------------------------------------------
# `--omit=dev` is enough: @swc-node/register and @swc/core are dependencies, and its peer `typescript`
# (used at runtime to read tsconfig.json and its `paths`) is kept because a dependency needs it.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime ----------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app

# Voikko, the Finnish morphological analyser, for Finnish search (base forms, compound parts); without it
# search falls back to PostgreSQL's Snowball stemmer (GET /health says which is active).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libvoikko1 voikko-fi \
 && rm -rf /var/lib/apt/lists/*

# Code and dependencies stay owned by root (read-only for the app); only DATA_DIR is writable.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json .swcrc ./
COPY libs ./libs
COPY apps ./apps
COPY scripts ./scripts
RUN mkdir -p /app/data && chown node:node /app/data

USER node
EXPOSE 3000

# Uses node's built-in fetch (no curl in the slim image). The worker has no HTTP server: compose disables
# this check for it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "-r", "@swc-node/register", "apps/api/src/main.ts"]
