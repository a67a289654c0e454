# tenantlab: a local Microsoft Entra ID tenant emulator.
# Small Node 20 image, non-root, the same start command as the README (`npm start`).
# Build: docker build -t tenantlab .     Run: docker compose up
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    TENANTLAB_HOST=0.0.0.0 \
    TENANTLAB_PORT=8443 \
    TENANTLAB_DATA_DIR=/data \
    TENANTLAB_CERT_HOSTS=tenantlab

WORKDIR /app

# Dependencies first, so the layer is cached while the sources change. tsx (the start command's
# TypeScript runner) is a runtime dependency, so the dev dependencies (SDKs, test tools) stay out.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY tsconfig.json ./
COPY emulator/ ./emulator/
COPY fixtures/ ./fixtures/
COPY scenarios/ ./scenarios/

# The data dir holds the tenants (lowdb files), the CA + server certificate and the signing key.
# It must belong to the unprivileged user; a new named volume takes this ownership on first mount.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node

EXPOSE 8443

# Healthy only once the default tenant is seeded (/_emulator/health answers 503 until then).
# curl is not in the slim image, so Node checks it, trusting the emulator's own CA from the data dir.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const fs=require('fs'),https=require('https'),e=process.env;https.get('https://127.0.0.1:'+(e.TENANTLAB_PORT||8443)+'/_emulator/health',{ca:fs.readFileSync((e.TENANTLAB_DATA_DIR||'/data')+'/tls/ca.pem'),timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]

CMD ["npm", "start"]
