# The one-shot sqlserver-init service (compose.sqlserver.yaml): runs tools/sqlserver-init/install.ts
# with tsx from the sources, so the T-SQL it installs is the one libs/contact-center-db generates and
# its tests check (no copy of the script to drift).
FROM node:24-bookworm-slim
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
USER node
ENV TSX_TSCONFIG_PATH=tools/sqlserver-init/tsconfig.json
CMD ["node", "--import", "tsx", "tools/sqlserver-init/install.ts"]
