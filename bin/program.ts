/**
 * The `attt` command line as a program: every command registered, help and wrong flags
 * handled. bin/attt.ts runs it on process.argv; tests run it in-process for the many
 * malformed inputs each must refuse the way a user sees it.
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../model/version.js";
import { EXIT_BAD_INPUT, setMessageLanguage } from "./cli-kit.js";
import { registerBaseline } from "./commands/baseline.js";
import { registerCheck } from "./commands/check.js";
import { registerDemo } from "./commands/demo.js";
import { registerImages } from "./commands/images.js";
import { registerPlan } from "./commands/plan.js";
import { registerReport } from "./commands/report.js";
import { registerSchema } from "./commands/schema.js";
import { registerServe } from "./commands/serve.js";
import { registerSigning } from "./commands/sign.js";
import { registerSynth } from "./commands/synth.js";
import { registerTemplate } from "./commands/template.js";
import { registerValidate } from "./commands/validate.js";

function program(): Command {
  const p = new Command("attt")
    .description(
      "attt-kit: Vietnam's provincial cybersecurity plans as data-centre stacks, school-machine baselines and a verdict.\n" +
        "attt-kit: kế hoạch an toàn thông tin của tỉnh thành hạ tầng, cấu hình máy trường học và kết luận đối chiếu.",
    )
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerValidate(p);
  registerPlan(p);
  registerSchema(p);
  registerBaseline(p);
  registerCheck(p);
  registerReport(p);
  registerSigning(p);
  registerSynth(p);
  registerTemplate(p);
  registerServe(p);
  registerImages(p);
  registerDemo(p);
  return p;
}

/** Runs one command line (`argv` as process.argv: node, script, arguments); sets process.exitCode. */
export async function runAttt(argv: string[]): Promise<void> {
  setMessageLanguage(argv);
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are not errors; a wrong flag or argument is bad input.
      process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    } else throw e;
  }
}
