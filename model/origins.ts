/**
 * Remembers where each entity of a merged inventory was written, so that checks
 * run after the merge (cross-references, policies) can still point at a file and line.
 */
import { describeFound, formatPath, type Problem } from "./problems.js";
import { locate, type SourceFile } from "./yaml-source.js";

interface Origin {
  src: SourceFile;
  path: PropertyKey[];
}

export class Origins {
  private readonly map = new WeakMap<object, Origin>();

  record(entity: object, src: SourceFile, path: PropertyKey[]): void {
    this.map.set(entity, { src, path });
  }

  /** File, line and field path of `entity` (or of one of its fields). */
  where(entity: object, field: PropertyKey[] = []): Pick<Problem, "file" | "line" | "column" | "path"> {
    const origin = this.map.get(entity);
    if (!origin) return { file: "(inventory)", line: 0, column: 0, path: formatPath(field) };
    const path = [...origin.path, ...field];
    return { file: origin.src.file, ...locate(origin.src, path), path: formatPath(path) };
  }

  problem(entity: object, field: PropertyKey[], expected: string, found: unknown): Problem {
    return {
      ...this.where(entity, field),
      expected,
      found: typeof found === "string" ? found : describeFound(found),
    };
  }
}
