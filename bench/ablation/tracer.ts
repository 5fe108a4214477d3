// Powertools Tracer's calls the handler makes, doing nothing: what the handler's cold start and
// warm CPU are without Tracer and the X-Ray SDK. Bundled in its place for the measurement only.
export class Tracer {
  captureAWSv3Client<T>(client: T): T {
    return client;
  }
  getSegment(): undefined {
    return undefined;
  }
  setSegment(): void {}
  putAnnotation(): void {}
  addResponseAsMetadata(): void {}
  addErrorAsMetadata(): void {}
}
