// What the bundled X-Ray SDK modules need of `cls-hooked/context`, on Node's AsyncLocalStorage.
// The bundle puts this in place of cls-hooked (components/xrayPlugins.ts): cls-hooked tracks
// every async resource and promise with JavaScript init/before/after/destroy hooks (destroy
// tracking of every promise included), a cost every request and the cold start paid.
//
// Semantics kept: a context entered outside any `run` is the process-wide one (in Lambda the
// SDK enters one at load and keeps the facade segment there, and invocations arrive on
// callbacks created before it); `run` gives a child context, inheriting the active one's
// values, to its callback and everything asynchronous started from it.
import { AsyncLocalStorage } from "node:async_hooks";

type Context = Record<string, unknown>;

class Namespace {
  private readonly storage = new AsyncLocalStorage<Context>();
  private root: Context | null = null;

  constructor(readonly name: string) {}

  get active(): Context | null {
    return this.storage.getStore() ?? this.root;
  }

  get(key: string): unknown {
    return this.active?.[key];
  }

  set<T>(key: string, value: T): T {
    const active = this.active;
    if (!active) throw new Error("No context available. ns.run() or ns.bind() must be called first.");
    active[key] = value;
    return value;
  }

  createContext(): Context {
    return Object.create(this.active ?? Object.prototype) as Context;
  }

  enter(context: Context): void {
    if (this.storage.getStore() === undefined) this.root = context;
    else this.storage.enterWith(context);
  }

  run(fn: (context: Context) => void): Context {
    const context = this.createContext();
    this.storage.run(context, fn, context);
    return context;
  }
}

const namespaces = new Map<string, Namespace>();

export function getNamespace(name: string): Namespace | undefined {
  return namespaces.get(name);
}

export function createNamespace(name: string): Namespace {
  const namespace = new Namespace(name);
  namespaces.set(name, namespace);
  return namespace;
}

export function destroyNamespace(name: string): void {
  namespaces.delete(name);
}
