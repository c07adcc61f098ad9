/** The token keys every node of a test cluster shares (cluster mode refuses to start without them). */
export const CLUSTER_TOKEN_SECRETS = 'k1:0123456789abcdef0123456789abcdef';
