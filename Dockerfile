# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm workspaces: each workspace's package.json must be there for `npm ci` to link it.
COPY adapters/sdk/package.json adapters/sdk/
COPY plugins/ionet/package.json plugins/ionet/
COPY client/package.json client/
COPY web/package.json web/
# An empty stand-in for swagger-ui-dist's install-time analytics reporter (package.json overrides).
COPY tools/no-install-analytics ./tools/no-install-analytics
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/tools/no-install-analytics ./tools/no-install-analytics
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
# The workspace packages node_modules links to (the SDK and the io.net plugin), built.
COPY --from=build /app/adapters/sdk/package.json ./adapters/sdk/
COPY --from=build /app/adapters/sdk/dist ./adapters/sdk/dist
COPY --from=build /app/plugins/ionet/package.json ./plugins/ionet/
COPY --from=build /app/plugins/ionet/dist ./plugins/ionet/dist
# The typed client and the launcher of the `switchyard` CLI (docker exec … node bin/switchyard.js offers).
COPY --from=build /app/client/package.json ./client/
COPY --from=build /app/client/dist ./client/dist
COPY --from=build /app/bin ./bin
# The web dashboard the service serves at /.
COPY --from=build /app/web/dist ./web/dist
USER node
EXPOSE 8080
CMD ["node", "dist/src/main.js"]
