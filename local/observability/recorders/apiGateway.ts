// AWS/ApiGateway metrics of a REST API stage from the local API's request observations.
// API Gateway publishes Count, 4XXError and 5XXError once per request (the error metrics as
// 0 or 1, so their Average is the error rate) and Latency / IntegrationLatency in
// milliseconds, under the ApiName + Stage dimensions the dashboard reads (CloudWatch also
// holds per-API and per-method aggregates, which nothing here charts).
import { awsNamespaces } from "../../../config/metrics";
import { apiGatewayMetrics, awsDimensions } from "../../../dashboards/awsMetrics";
import type { ApiObservation } from "../../api/server";
import type { MetricStore } from "../metricStore";

export function apiGatewayRecorder(store: MetricStore, api: { readonly apiName: string; readonly stage: string }) {
  const dimensions = { [awsDimensions.apiName]: api.apiName, [awsDimensions.stage]: api.stage };
  const put = (metricName: string, unit: string, value: number) =>
    store.put({ namespace: awsNamespaces.apiGateway, metricName, dimensions, unit, value });
  return (o: ApiObservation): void => {
    put(apiGatewayMetrics.count, "Count", 1);
    put(apiGatewayMetrics.clientErrors, "Count", o.statusCode >= 400 && o.statusCode < 500 ? 1 : 0);
    put(apiGatewayMetrics.serverErrors, "Count", o.statusCode >= 500 ? 1 : 0);
    put(apiGatewayMetrics.latency, "Milliseconds", o.latencyMs);
    if (o.integrationLatencyMs !== undefined) put(apiGatewayMetrics.integrationLatency, "Milliseconds", o.integrationLatencyMs);
  };
}
