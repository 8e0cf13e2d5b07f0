# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user on a read-only
# root file system (compose: read_only; Kubernetes: readOnlyRootFilesystem). Not built on the development
# machine, which has no Docker engine (README, "What was verified where").
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
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
