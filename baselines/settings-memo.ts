/**
 * A control's settings computed once per distinct input, for a whole province.
 *
 * A province has thousands of bundles, and most controls give the same settings to
 * many of them (same role and level, same anti-malware, ...), but which facts a control
 * reads is written only in its code: one reads the unit's ID, another its remote-admin
 * networks, another every host's approved USB devices. So the memo does not guess a key:
 * the first time, the control runs on a context that records every read it makes (each
 * property, `in` test and key listing, down to the last value), and its settings are
 * written as JSON while still recording (so data a setting carries over from the
 * inventory counts as read). Those reads, in order, are the key: another bundle gets the
 * same settings when replaying them on its own context observes the same values. A
 * control's settings must therefore be a pure function of its context (control.ts).
 *
 * The recorded reads of a control form a decision tree: a pure function reads the same
 * thing next for as long as what it read so far was the same, so a look-up follows one
 * path, one comparison per read, whatever the number of distinct results.
 */
import type { Control, ControlContext } from "./control.js";
import type { Setting } from "./settings.js";
import { rememberSettingsJson, settingsJson } from "./settings-json.js";

/** One read: of property `key` of object number `node` (0 is the context), or its keys. */
interface Read {
  node: number;
  kind: "get" | "has" | "keys" | "descriptor";
  key: PropertyKey;
}

/** A read, and what comes next for each value it may observe. */
interface Branch {
  read: Read;
  next: Map<unknown, Tree>;
}

/** The settings of every context whose replayed reads end here, and their JSON. */
export interface Resolved {
  settings: Setting[];
  /** The settings as the bundle hash writes them (settings-json.ts). */
  json: string;
}

type Tree = Branch | { leaf: Resolved };

/**
 * What a read observed, as a Map key: a primitive or function as itself, an object as
 * the number of its node (which first read reached it), so identity counts too; -0 apart
 * from 0, which a Map would not tell apart. Objects are symbols, never strings: no string
 * in an inventory can pass for one. (Key listings and descriptors are only ever compared
 * with their own kind: one branch is one kind of read.)
 */
const NEGATIVE_ZERO = Symbol("-0");
const NODE_KEYS: symbol[] = [];
const objectKey = (node: number): symbol => {
  let key = NODE_KEYS[node];
  if (!key) {
    key = Symbol(`node ${node}`);
    NODE_KEYS[node] = key;
  }
  return key;
};
const keysKey = (keys: PropertyKey[]): string =>
  `\u0000keys ${keys.map((k) => (typeof k === "symbol" ? `@${String(k)}` : `:${k}`)).join("\u0001")}`;
const descriptorKey = (d: PropertyDescriptor | undefined): string =>
  `\u0000desc ${d === undefined ? "none" : `${"value" in d ? "data" : "accessor"} ${d.enumerable}`}`;

/** The objects reached so far by a run or a replay, numbered in the order they were reached. */
class Nodes {
  readonly list: object[];
  private readonly index = new Map<object, number>();
  constructor(root: object) {
    this.list = [root];
    this.index.set(root, 0);
  }
  numberOf(value: object): number {
    return this.index.get(value) as number;
  }
  /** The observation of `value`: itself, or the number of its node (a new one if first seen). */
  observe(value: unknown): unknown {
    if (Object.is(value, -0)) return NEGATIVE_ZERO;
    if (value === null || typeof value !== "object") return value;
    let n = this.index.get(value);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(value);
      this.index.set(value, n);
    }
    return objectKey(n);
  }
}

function observe(nodes: Nodes, read: Read): unknown {
  const target = nodes.list[read.node] as object;
  switch (read.kind) {
    case "get":
      return nodes.observe(Reflect.get(target, read.key));
    case "has":
      return Reflect.has(target, read.key);
    case "keys":
      return keysKey(Reflect.ownKeys(target));
    case "descriptor":
      return descriptorKey(Reflect.getOwnPropertyDescriptor(target, read.key));
  }
}

/** Runs `fn` on a context that records every read it makes, in order, with what each observed. */
function recorded<T>(
  ctx: ControlContext,
  fn: (ctx: ControlContext) => T,
): { result: T; reads: Array<{ read: Read; seen: unknown }> } {
  const nodes = new Nodes(ctx);
  const reads: Array<{ read: Read; seen: unknown }> = [];
  const proxies = new Map<object, object>();
  const note = (read: Read): void => {
    reads.push({ read, seen: observe(nodes, read) });
  };
  const refuse = (): never => {
    throw new Error("a control's settings must not change its context (baselines/settings-memo.ts)");
  };
  // Only ever given a value just observed (so numbered) or the context itself.
  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    let proxy = proxies.get(value);
    if (!proxy) {
      const node = nodes.numberOf(value);
      proxy = new Proxy(value, {
        get: (target, key) => {
          note({ node, kind: "get", key });
          return wrap(Reflect.get(target, key));
        },
        has: (target, key) => {
          note({ node, kind: "has", key });
          return Reflect.has(target, key);
        },
        ownKeys: (target) => {
          note({ node, kind: "keys", key: "" });
          return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor: (target, key) => {
          note({ node, kind: "descriptor", key });
          const d = Reflect.getOwnPropertyDescriptor(target, key);
          if (!d || !("value" in d)) return d;
          note({ node, kind: "get", key });
          return { ...d, value: wrap(d.value) };
        },
        set: refuse,
        defineProperty: refuse,
        deleteProperty: refuse,
        setPrototypeOf: refuse,
      });
      proxies.set(value, proxy);
    }
    return proxy;
  };
  return { result: fn(wrap(ctx) as ControlContext), reads };
}

/**
 * Settings per control, each computed once per distinct set of values it reads. One memo
 * serves one province's bundles (bundleSpecs). The settings it gives are shared by many
 * bundles, so they are frozen (the list and each setting).
 */
export class SettingsMemo {
  /** By the control's settings function itself: two controls never share an entry. */
  private readonly trees = new Map<Control["settings"], Tree>();

  resolve(control: Pick<Control, "id" | "settings">, ctx: ControlContext): Resolved {
    const { id, settings } = control;
    const nodes = new Nodes(ctx);
    let tree = this.trees.get(settings);
    let parent: Branch | undefined;
    let depth = 0;
    for (; tree && "read" in tree; depth++) {
      parent = tree;
      tree = tree.next.get(observe(nodes, tree.read));
    }
    if (tree) return tree.leaf;

    // Not seen before: run it recording its reads (and those of writing its JSON), then
    // once more on the plain context, so the settings kept hold no recording object.
    const run = recorded(ctx, (c) => settingsJson(settings(c)));
    const leaf: Resolved = { settings: frozen(settings(ctx)), json: run.result };
    rememberSettingsJson(leaf.settings, leaf.json);
    // A pure control read what the tree holds up to the read whose value was new (depth - 1).
    const from = parent ? depth : 0;
    const diverged = run.reads[from - 1];
    if (parent && (!diverged || !sameRead(diverged.read, parent.read)))
      throw new Error(`control ${id}: settings read differently from the same context (not a pure function)`);
    let subtree: Tree = { leaf };
    for (let i = run.reads.length - 1; i >= from; i--) {
      const { read, seen } = run.reads[i] as { read: Read; seen: unknown };
      subtree = { read, next: new Map([[seen, subtree]]) };
    }
    if (parent && diverged) parent.next.set(diverged.seen, subtree);
    else this.trees.set(settings, subtree);
    return leaf;
  }
}

const sameRead = (a: Read, b: Read): boolean => a.node === b.node && a.kind === b.kind && a.key === b.key;

/** The list and each setting; not deeper, where a value may be the inventory's own object. */
function frozen(settings: Setting[]): Setting[] {
  for (const s of settings) Object.freeze(s);
  return Object.freeze(settings) as Setting[];
}
