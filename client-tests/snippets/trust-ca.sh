# Trust the emulator's CA in Node (one variable covers MSAL, Azure Identity, the Graph clients and fetch).
# Running locally, the CA is in the data dir: export NODE_EXTRA_CA_CERTS="$PWD/.tenantlab/tls/ca.pem"
# From a container (or anywhere else), download it once; --insecure only for this one download:
TENANTLAB_URL="${TENANTLAB_URL:-https://localhost:8443}"
curl --silent --show-error --fail --insecure "$TENANTLAB_URL/_emulator/ca.pem" -o tenantlab-ca.pem
export NODE_EXTRA_CA_CERTS="$PWD/tenantlab-ca.pem" # must be set before Node starts
node -e 'fetch(process.argv[1] + "/_emulator/health").then(async (r) => console.log(r.status, await r.text()))' "$TENANTLAB_URL"
