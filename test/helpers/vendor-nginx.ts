/**
 * nginx for the reverse-proxy tests: `nginx -t` on a generated nginx.conf, a running
 * nginx for behaviour checks, and a reader of nginx.conf's structure that follows
 * ngx_conf_read_token (src/core/ngx_conf_file.c) so a test can compare the directives of
 * two renderings and read back the exact argument nginx will see.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { toolPath } from "./vendor-tools.js";

export const NGINX = toolPath("nginx");

/** `nginx -t` with everything (prefix, startup error log) under `dir`. */
export function nginxTest(dir: string, conf: string): { ok: boolean; output: string } {
  const file = join(dir, "nginx.conf");
  writeFileSync(file, conf);
  const r = spawnSync(NGINX as string, ["-t", "-e", "stderr", "-p", `${dir}/`, "-c", file], {
    encoding: "utf8",
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Starts nginx in the foreground on `conf`; resolves once it answers on 127.0.0.1:port (TCP). */
export async function startNginx(
  dir: string,
  conf: string,
  port: number,
): Promise<{ stop: () => Promise<void> }> {
  const file = join(dir, "nginx.conf");
  writeFileSync(file, conf);
  const child: ChildProcess = spawn(
    NGINX as string,
    ["-e", "stderr", "-p", `${dir}/`, "-c", file, "-g", "daemon off;"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const { connect } = await import("node:net");
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGQUIT");
      }),
  };
}

// ------------------------------------------------------------- structure

export interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

export class NginxSyntaxError extends Error {}

/**
 * Parses nginx.conf text into directives, with nginx's own tokenizing rules: `#` starts a
 * comment only where a token could start; quoted tokens end at the matching unescaped
 * quote; in every token `\"`, `\'`, `\\` become the character and `\t`, `\r`, `\n` the
 * control character (other backslashes stay); `${` does not open a block.
 */
export function parseNginx(text: string): NginxDirective[] {
  let i = 0;
  const readToken = (): { kind: "word" | ";" | "{" | "}" | "eof"; value: string } => {
    for (;;) {
      while (i < text.length && /[ \t\r\n]/.test(text[i] as string)) i++;
      if (i >= text.length) return { kind: "eof", value: "" };
      if (text[i] === "#") {
        while (i < text.length && text[i] !== "\n") i++;
        continue;
      }
      break;
    }
    const ch = text[i] as string;
    if (ch === ";" || ch === "{" || ch === "}") {
      i++;
      return { kind: ch, value: ch };
    }
    let raw = "";
    if (ch === '"' || ch === "'") {
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === "\\" && i + 1 < text.length) {
          raw += text.slice(i, i + 2);
          i += 2;
        } else raw += text[i++];
      }
      if (i >= text.length) throw new NginxSyntaxError("unterminated quoted string");
      i++;
      if (i < text.length && !/[ \t\r\n;{}]/.test(text[i] as string)) {
        throw new NginxSyntaxError(`unexpected "${text[i]}" after a quoted string`);
      }
    } else {
      while (i < text.length) {
        const c = text[i] as string;
        if (c === "\\" && i + 1 < text.length) {
          raw += text.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (c === "{" && raw.endsWith("$")) {
          raw += c;
          i++;
          continue;
        }
        if (/[ \t\r\n;{}]/.test(c)) break;
        raw += c;
        i++;
      }
    }
    return { kind: "word", value: unescapeToken(raw) };
  };

  const parseBlock = (nested: boolean): NginxDirective[] => {
    const out: NginxDirective[] = [];
    let words: string[] = [];
    for (;;) {
      const t = readToken();
      if (t.kind === "eof") {
        if (nested || words.length > 0) throw new NginxSyntaxError("unexpected end of file");
        return out;
      }
      if (t.kind === "word") words.push(t.value);
      else if (t.kind === ";") {
        if (words.length === 0) throw new NginxSyntaxError('unexpected ";"');
        out.push({ name: words[0] as string, args: words.slice(1) });
        words = [];
      } else if (t.kind === "{") {
        if (words.length === 0) throw new NginxSyntaxError('unexpected "{"');
        out.push({ name: words[0] as string, args: words.slice(1), block: parseBlock(true) });
        words = [];
      } else {
        if (!nested || words.length > 0) throw new NginxSyntaxError('unexpected "}"');
        return out;
      }
    }
  };
  return parseBlock(false);
}

function unescapeToken(raw: string): string {
  return raw.replace(/\\(["'\\tnr])/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r" })[c] ?? c);
}

/** Every directive as "context/context/name", in order: the shape of a configuration. */
export function nginxShape(directives: NginxDirective[], context = ""): string[] {
  return directives.flatMap((d) => [
    `${context}${d.name}`,
    ...(d.block ? nginxShape(d.block, `${context}${d.name}/`) : []),
  ]);
}

/** All directives named `name` anywhere in the tree. */
export function findDirectives(directives: NginxDirective[], name: string): NginxDirective[] {
  return directives.flatMap((d) => [
    ...(d.name === name ? [d] : []),
    ...(d.block ? findDirectives(d.block, name) : []),
  ]);
}
