# syntax=docker/dockerfile:1
#
# The union host as a container image (docs/deploy.md, "A container"). NOT built or run where it was
# written: no container engine runs on that machine. What was checked there instead: the runtime
# stage's contents (the bundle, the H5 files, scripts/host-runtime-modules.mjs's node_modules) started
# from a folder of their own and answered /readyz on SQLite and PostgreSQL
# (tests/integration/deploy.test.ts).
#
#   docker build -t union-host \
#     --build-arg UNION_APP_ID=… --build-arg UNION_APP_KEY=… .      # the H5 app calls the host with these
#   docker run -p 3000:3000 -v union-data:/data \
#     -e UNION_APP_ID=… -e UNION_APP_KEY=… -e UNION_DATA_KEY=… -e WECHAT_APP_ID=… -e WECHAT_APP_SECRET=… \
#     -e DATABASE_URL=postgres://… union-host

# ---- build: all dependencies, the H5 app, the host bundle, the run-time modules ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 downloads a prebuilt binary for this Node and glibc; the compiler is its fallback.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The H5 app embeds the app id and key it calls with (config/index.ts); production mode has no demo login.
ARG UNION_APP_ID=union-demo
ARG UNION_APP_KEY=union-demo-key
ARG UNION_MODE=production
RUN UNION_APP_ID="$UNION_APP_ID" UNION_APP_KEY="$UNION_APP_KEY" UNION_MODE="$UNION_MODE" npm run build:h5 \
 && npm run build:host \
 && node scripts/host-runtime-modules.mjs /runtime

# ---- runtime: Node, the bundle, the H5 files, better-sqlite3 and pg; nothing else ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    UNION_MODE=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    UNION_DATA_DIR=/data \
    UNION_STATIC_DIR=/app/dist/h5
WORKDIR /app
COPY --from=build /runtime/node_modules ./node_modules
COPY --from=build /src/dist/host ./dist/host
COPY --from=build /src/dist/h5 ./dist/h5
# The embedded database and uploaded files live in /data (a volume); the image's own files stay root's.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Ready, not only alive: the database answers and its migrations are current (GET /readyz).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM: the host stops accepting connections and answers the calls it has (UNION_DRAIN_MS, default 10 s).
STOPSIGNAL SIGTERM
# The V8 flags of scripts/host-node-flags.mjs (the code cache written by build:host in the build stage is for exactly these).
CMD ["node", "--max-semi-space-size=64", "dist/host/main.mjs"]
