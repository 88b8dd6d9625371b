/**
 * The `attt` command line as a program: every command registered, help and wrong flags
 * handled. bin/attt.ts runs it on process.argv; tests run it in-process for the many
 * malformed inputs each must refuse the way a user sees it.
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../model/version.js";
import { EXIT_BAD_INPUT, setMessageLanguage } from "./cli-kit.js";

/**
 * Each command module and the top-level commands it registers, in the order help lists
 * them. A module is imported only when needed: `attt check` never pays for loading the
 * web service's, the stacks' or the Office formats' libraries (about half a second of
 * CPU at every start).
 */
const COMMANDS: ReadonlyArray<{ names: string[]; load: () => Promise<(program: Command) => void> }> = [
  { names: ["validate"], load: async () => (await import("./commands/validate.js")).registerValidate },
  { names: ["plan"], load: async () => (await import("./commands/plan.js")).registerPlan },
  { names: ["schema"], load: async () => (await import("./commands/schema.js")).registerSchema },
  { names: ["baseline"], load: async () => (await import("./commands/baseline.js")).registerBaseline },
  { names: ["check"], load: async () => (await import("./commands/check.js")).registerCheck },
  { names: ["report"], load: async () => (await import("./commands/report.js")).registerReport },
  {
    names: ["keygen", "sign", "verify"],
    load: async () => (await import("./commands/sign.js")).registerSigning,
  },
  { names: ["synth"], load: async () => (await import("./commands/synth.js")).registerSynth },
  { names: ["template"], load: async () => (await import("./commands/template.js")).registerTemplate },
  {
    names: ["serve", "db", "credential"],
    load: async () => (await import("./commands/serve.js")).registerServe,
  },
  { names: ["images"], load: async () => (await import("./commands/images.js")).registerImages },
  { names: ["demo"], load: async () => (await import("./commands/demo.js")).registerDemo },
];

/** The program with the command `argv` names, or every command (help, a flag, an unknown name). */
async function program(argv: string[]): Promise<Command> {
  const p = new Command("attt")
    .description(
      "attt-kit: Vietnam's provincial cybersecurity plans as data-centre stacks, school-machine baselines and a verdict.\n" +
        "attt-kit: kế hoạch an toàn thông tin của tỉnh thành hạ tầng, cấu hình máy trường học và kết luận đối chiếu.",
    )
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  const named = COMMANDS.filter((c) => c.names.includes(argv[2] ?? ""));
  for (const c of named.length > 0 ? named : COMMANDS) (await c.load())(p);
  return p;
}

/** Runs one command line (`argv` as process.argv: node, script, arguments); sets process.exitCode. */
export async function runAttt(argv: string[]): Promise<void> {
  setMessageLanguage(argv);
  try {
    await (await program(argv)).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; a wrong flag or argument is bad input.
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    } else throw e;
  }
}
