# The agent panel as static files behind nginx. GATEWAY_URL (and the optional
# GATEWAY_URLS) are written into /config.json when the container starts, so one
# image serves every environment; the panel talks to those gateways only. The
# security headers (a CSP naming PANEL_FRAME_ANCESTORS and those gateways,
# nosniff) are written then too (panel-headers.sh).
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx build agent-panel --output-style=static

FROM nginx:1.27-alpine
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY docker/panel-config.sh /docker-entrypoint.d/40-puente-config.sh
COPY --chmod=0755 docker/panel-headers.sh /docker-entrypoint.d/41-puente-headers.sh
COPY --from=build /src/dist/apps/agent-panel/browser /usr/share/nginx/html
ENV GATEWAY_URL=http://localhost:3000
# The Salesforce origins that frame the softphone, e.g. https://acme.lightning.force.com; unset,
# only the panel's own origin may frame it (docker/README.md).
ENV PANEL_FRAME_ANCESTORS=
