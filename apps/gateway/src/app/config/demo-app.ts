/** The connected app of the Salesforce emulator: the gateway's defaults, never a real org's. */
export const DEMO_SALESFORCE_APP = { clientId: 'puente-demo', clientSecret: 'puente-demo-secret' } as const;
