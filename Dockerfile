# pipewright serve in a container (README "Operating a server"). Not built or run by the tests: Docker
# cannot run where they do. Build:  docker build -t pipewright .
# Run:    docker run -d --name pipewright -p 4870:4870 -v pipewright-data:/workspace \
#           -e PIPEWRIGHT_SECRETS_KEY="$(cat secrets.key)" pipewright
# The first start prints the API token once (docker logs pipewright); it is kept, hashed, in the volume.

# Build: the command and server (bundled into dist/main/cli/) and the web designer (renderer/dist/).
# better-sqlite3 compiles from source, so the build stage has a C++ toolchain; the runtime stage does not.
FROM node:24-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The desktop app's Electron binary is not needed on a server: skip its 100 MB download.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run -s build && npm run -s build:renderer && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/main ./dist/main
COPY --from=build /app/renderer/dist ./renderer/dist
# The workspace (flows/, credentials.json, .pipewright/ with the state database, the token's hash and
# secrets.enc) lives in a volume owned by the unprivileged `node` user.
RUN mkdir /workspace && chown node:node /workspace
USER node
VOLUME /workspace
EXPOSE 4870
# 200 while the state database answers; 503 (unhealthy) when it does not.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:4870/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# SIGTERM (docker stop) stops it gracefully: webhooks answer 503, calls in flight get up to 10 s, live
# runs stop and are finished on the next start. Give docker stop more than that: --stop-timeout 30.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/main/cli/bin.js", "--workspace", "/workspace", "serve", "--host", "0.0.0.0", "--log-format", "json"]
