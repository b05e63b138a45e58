# syntax=docker/dockerfile:1
# hookflow image: one image for both roles.
#   api (default CMD):  node dist/apps/api/src/main.js       (set HOOKFLOW_ROLE=api to leave out the worker)
#   worker:             node dist/apps/worker/src/main.js    (needs DATABASE_URL and REDIS_URL)
# Without DATABASE_URL it runs embedded (PGlite) in DATA_DIR=/app/data; mount a volume there to keep data:
#   docker run -p 3000:3000 -v hookflow-data:/app/data hookflow
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, compile TypeScript, then drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime: compiled output and production dependencies only, as the unprivileged node user ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
