# One image per Node service: docker build -f docker/node-service.Dockerfile --build-arg APP=gateway .
# APP is one of: gateway, dialer-emulator, salesforce-emulator.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
ARG APP
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx build "${APP}" --output-style=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ARG APP
ENV NODE_ENV=production LOG_FORMAT=json
WORKDIR /app
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/apps/${APP} ./
# State (the gateway's sessions, the emulators' data) goes to /data, owned by the service's user:
# /app is root's, and a named volume mounted on /data takes this folder's owner when first created.
RUN mkdir -p /data && chown node:node /data
ENV PUENTE_DATA_DIR=/data
USER node
# Services bind to 127.0.0.1 by default; a container must listen on all interfaces.
ENV GATEWAY_HOST=0.0.0.0 DIALER_EMULATOR_HOST=0.0.0.0 SALESFORCE_EMULATOR_HOST=0.0.0.0
CMD ["node", "main.js"]
