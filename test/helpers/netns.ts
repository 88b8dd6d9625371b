/**
 * Real connections between network namespaces, for the tests of generated nftables
 * rules (a machine's own, and the data centre's Docker host egress rules).
 *
 * A refused connection proves nothing by itself (a listener not yet up refuses too), so
 * every connection first waits for its listener (ss -ltn in the namespace), and a block
 * is shown to be the rules' doing by a counter in the chain.
 */
import { type Run, run } from "./linux-root.js";

/** A shell command inside a namespace. */
export const nsSh = (ns: string, cmd: string, timeout = 15_000): Run =>
  run("ip", ["netns", "exec", ns, "sh", "-c", cmd], { timeout });

/** Throws with the command's stderr unless it succeeded. */
export function must(r: Run, what: string): void {
  if (r.status !== 0) throw new Error(`${what}: ${r.stderr}`);
}

/** Loads an nftables file into a namespace, the way nftables.service would (nft -f). */
export const loadRules = (ns: string, rules: string): Run =>
  run("sh", ["-c", `ip netns exec ${ns} nft -f /dev/stdin <<'EOF'\n${rules}EOF`]);

/**
 * One TCP connection from namespace `from` to ip:port, where `to` listens: true when
 * the listener received the message. The client starts only once the listener shows
 * in `ss -ltn`; a listener that never comes up throws rather than reading as a block.
 * Bounded: the client gives up after 2 s, and the listener is then stopped.
 */
export function connects(from: string, to: string, ip: string, port: number, source?: string): boolean {
  const token = `hello-${Math.random().toString(36).slice(2)}`;
  const src = source ? `-s ${source}` : "";
  const r = nsSh(
    to,
    `F=$(mktemp); timeout 10 nc -l -N ${ip} ${port} > "$F" & L=$!; ` +
      `n=0; until ss -Hltn "src ${ip} and sport = :${port}" | grep -q .; do ` +
      `n=$((n+1)); if [ $n -gt 100 ]; then echo NO-LISTENER; kill $L; rm -f "$F"; exit 0; fi; sleep 0.05; done; ` +
      `ip netns exec ${from} sh -c "printf ${token} | timeout 3 nc -N -w 2 ${src} ${ip} ${port}" || kill $L 2>/dev/null; ` +
      `wait $L; cat "$F"; rm -f "$F"`,
  );
  if (r.stdout.includes("NO-LISTENER")) throw new Error(`nc never listened on ${ip}:${port} in ${to}`);
  return r.stdout.includes(token);
}

/**
 * Appends a rule that only counts (no verdict) to a chain loaded in `ns`: a packet of
 * `match` that reaches it met no accept or drop before it. Returns a reader of its count.
 */
export function countAtEnd(ns: string, table: string, chain: string, match: string): () => number {
  const tag = `attt-test-${Math.random().toString(36).slice(2, 10)}`;
  must(
    run("ip", [
      "netns",
      "exec",
      ns,
      "nft",
      "add",
      "rule",
      "inet",
      table,
      chain,
      ...match.split(" "),
      "counter",
      "comment",
      `"${tag}"`,
    ]),
    `count ${match}`,
  );
  return counterOf(ns, table, chain, `comment "${tag}"`);
}

/** A reader of the packet count of the (first) rule of a chain whose text contains `text`. */
export function counterOf(ns: string, table: string, chain: string, text: string): () => number {
  return () => {
    const listed = run("ip", ["netns", "exec", ns, "nft", "list", "chain", "inet", table, chain]);
    const line = listed.stdout.split("\n").find((l) => l.includes(text));
    const m = line ? /counter packets (\d+) bytes \d+/.exec(line) : null;
    if (!m) throw new Error(`no counter on a rule with ${text} in:\n${listed.stdout}`);
    return Number(m[1]);
  };
}
