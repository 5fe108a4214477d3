// The observers of a local component (the API, the store's front, the Lambda emulation): each
// subscribes and unsubscribes on its own, and one that throws breaks neither the component nor
// the other observers.
export class Subscribers<Args extends readonly unknown[]> {
  private readonly all = new Set<(...args: Args) => void>();

  /** Adds `subscriber`; returns the function that removes it. */
  add(subscriber: (...args: Args) => void): () => void {
    this.all.add(subscriber);
    return () => this.all.delete(subscriber);
  }

  notify(...args: Args): void {
    for (const subscriber of this.all) {
      try {
        subscriber(...args);
      } catch {
        // Observing must not change what is observed.
      }
    }
  }
}
