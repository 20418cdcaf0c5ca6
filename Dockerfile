# The worker image: compiled JavaScript and production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Two malloc arenas, as `npm run worker` runs it (src/workerCommand.ts says why).
ENV MALLOC_ARENA_MAX=2
COPY package.json package-lock.json ./
# No install scripts: the image needs neither the Temporal CLI nor the simulators' SQLite build.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
USER node
# V8's flags as `npm run worker` gives them (src/workerCommand.ts says why).
CMD ["node", "--heap-growing-percent=20", "--max-semi-space-size=8", "dist/worker.js"]
