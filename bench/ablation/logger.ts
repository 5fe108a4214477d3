// Powertools Logger's calls the handler makes, doing nothing: what the handler's cold start and
// warm CPU are without Logger. Bundled in its place for the measurement only.
export class Logger {
  addContext(): void {}
  appendKeys(): void {}
  resetKeys(): void {}
  info(): void {}
  error(): void {}
}
