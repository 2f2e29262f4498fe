# Self-hosting image: `docker build -t gemini-treasury .` then
# `docker run -p 3000:3000 -v treasury-data:/data --env-file .env.production gemini-treasury`.
# See README, "Self-hosting".
# Node.js 24 LTS, the major of .node-version (what the test suite runs on), on Debian 13 (trixie).
ARG NODE_IMAGE=node:24-trixie-slim

# 1. Dependencies, exactly as locked. Install scripts stay off: the build needs none of them.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# 2. The production build: .next/standalone holds the server and only the node_modules it uses.
FROM ${NODE_IMAGE} AS builder
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

# 3. What runs: the standalone server, its static assets and public/, as an unprivileged user that
# can read the app but not change it: the files stay root's (COPY without --chown) and nothing under
# /app is writable by it. The one thing it writes is the embedded history store (PGlite, when
# DATABASE_URL is unset) in DATA_DIR=/data, outside the app: mount a volume there
# (`-v treasury-data:/data`), or the history goes with the container. A new named volume takes
# the folder's owner from the image, so the user can write it.
FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data
RUN groupadd --system --gid 1001 dashboard \
 && useradd --system --uid 1001 --gid dashboard --no-create-home --shell /usr/sbin/nologin dashboard \
 && install -d -o dashboard -g dashboard -m 0700 /data
COPY --from=builder /app/.next/standalone ./
COPY --from=builder /app/.next/static ./.next/static
COPY --from=builder /app/public ./public
USER dashboard
EXPOSE 3000
# Node, not curl: the slim image has no curl, and this needs nothing else installed.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node as PID 1 is fine here: Next's server handles SIGTERM itself and lets in-flight requests finish.
CMD ["node", "server.js"]
