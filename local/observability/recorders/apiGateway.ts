// AWS/ApiGateway metrics of a REST API stage from the local API's request observations.
// API Gateway publishes Count, 4XXError and 5XXError once per request (the error metrics as
// 0 or 1, so their Average is the error rate) and Latency / IntegrationLatency in
// milliseconds, under the ApiName + Stage dimensions the dashboard reads (CloudWatch also
// holds per-API aggregates, which nothing here charts). With the stage's detailed metrics on, it
// also counts each method of each resource, with Method and Resource added to the dimensions.
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
    if (o.resource !== undefined) {
      store.put({
        namespace: awsNamespaces.apiGateway,
        metricName: apiGatewayMetrics.count,
        dimensions: { ...dimensions, [awsDimensions.method]: o.method, [awsDimensions.resource]: o.resource },
        unit: "Count",
        value: 1,
      });
    }
    put(apiGatewayMetrics.clientErrors, "Count", o.statusCode >= 400 && o.statusCode < 500 ? 1 : 0);
    put(apiGatewayMetrics.serverErrors, "Count", o.statusCode >= 500 ? 1 : 0);
    put(apiGatewayMetrics.latency, "Milliseconds", o.latencyMs);
    if (o.integrationLatencyMs !== undefined) put(apiGatewayMetrics.integrationLatency, "Milliseconds", o.integrationLatencyMs);
  };
}
