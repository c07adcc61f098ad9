import { ok, type RestContext, type RestRequest, type Route } from './rest-types';

const limit = (max: number, remaining = max) => ({ Max: max, Remaining: remaining });

/** GET /limits: the allowances a real org reports; DailyApiRequests is the live one. */
function limits(_req: RestRequest, ctx: RestContext) {
  const { usage, faults } = ctx.org;
  const records = Object.values(ctx.org.recordCounts()).reduce((a, b) => a + b, 0);
  // Salesforce counts about 2 KB of data storage per record.
  const dataMb = Math.ceil((records * 2) / 1024);
  return ok({
    ConcurrentAsyncGetReportInstances: limit(200),
    ConcurrentSyncReportRuns: limit(20),
    DailyApiRequests: limit(usage.max, faults.limitForced ? 0 : usage.remaining),
    DailyAsyncApexExecutions: limit(250000),
    DailyBulkApiBatches: limit(15000),
    DailyBulkV2QueryFileStorageMB: limit(976562),
    DailyBulkV2QueryJobs: limit(10000),
    DailyGenericStreamingApiEvents: limit(10000),
    DailyStreamingApiEvents: limit(1000000),
    DailyWorkflowEmails: limit(2000),
    DataStorageMB: limit(1024, Math.max(0, 1024 - dataMb)),
    FileStorageMB: limit(2048),
    HourlyAsyncReportRuns: limit(1200),
    HourlyDashboardRefreshes: limit(200),
    HourlyODataCallout: limit(10000),
    HourlySyncReportRuns: limit(500),
    HourlyTimeBasedWorkflow: limit(1000),
    MassEmail: limit(5000),
    SingleEmail: limit(5000),
    StreamingApiConcurrentClients: limit(2000),
  });
}

/** The version root lists the resources this org serves. */
function resources(req: RestRequest, ctx: RestContext) {
  const base = `/services/data/v${req.version}`;
  return ok({
    sobjects: `${base}/sobjects`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    search: `${base}/search`,
    limits: `${base}/limits`,
    composite: `${base}/composite`,
    identity: ctx.org.oauth.identityUrl(ctx.baseUrl, ctx.session.userId),
  });
}

export function orgRoutes(): Route[] {
  return [
    { method: 'GET', pattern: '/', handler: resources },
    { method: 'GET', pattern: '/limits', handler: limits },
  ];
}
