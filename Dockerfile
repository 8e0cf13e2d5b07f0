# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user on a read-only
# root file system (compose: read_only; Kubernetes: readOnlyRootFilesystem). Not built on the development
# machine, which has no Docker engine (README, "What was verified where"); test/deploy/dockerfile.unit.spec.ts
# reads it and runs its patch check.
#
# Node.js 22 (maintenance LTS until 2027-04-30): Node 20 is out of support since 2026-04-30. Tags are pinned to an
# exact release; raise them deliberately (README, "What was verified where", says what was tested on which line).
FROM node:22.23.3-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci` runs the postinstall hook, patch-package: the patches must be in place before it, or it finds none,
# says so, exits 0, and the image ships postgres.js unpatched (porsager/postgres#1208). --error-on-fail (in
# package.json) fails the build on a patch that does not apply; the grep fails it if no patch ran at all.
COPY patches ./patches
RUN npm ci --no-audit --no-fund \
 && grep -q 'porsager/postgres#1208' node_modules/postgres/cjs/src/connection.js \
 && grep -q 'porsager/postgres#1208' node_modules/postgres/src/connection.js
COPY . .
RUN npm run build && npm prune --omit=dev && npm cache clean --force \
 && grep -q 'porsager/postgres#1208' node_modules/postgres/cjs/src/connection.js

FROM node:22.23.3-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and not writable by the app: the code cannot be changed by the process that runs it.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
COPY --from=build /app/package.json ./
COPY --from=build /app/libs/db/migrations ./libs/db/migrations
COPY --from=build /app/seeds ./seeds
# The image's `node` user by number, so that Kubernetes can verify runAsNonRoot without resolving a name.
USER 1000:1000
# api 3000, projector 3001, worker 3002 (each serves /health and /metrics on its port)
EXPOSE 3000 3001 3002
CMD ["node", "dist/apps/cli/src/main.js", "start"]
