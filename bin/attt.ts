#!/usr/bin/env node
/**
 * attt: the command line. Thin by design: it parses flags, calls the parts and sets
 * exit codes (0 ok, 1 findings, 2 bad input, 3 internal error).
 */
import { Command, CommanderError } from "commander";
import { VERSION } from "../model/version.js";
import { EXIT_BAD_INPUT } from "./cli-kit.js";
import { registerBaseline } from "./commands/baseline.js";
import { registerCheck } from "./commands/check.js";
import { registerDemo } from "./commands/demo.js";
import { registerPlan } from "./commands/plan.js";
import { registerReport } from "./commands/report.js";
import { registerSchema } from "./commands/schema.js";
import { registerSigning } from "./commands/sign.js";
import { registerSynth } from "./commands/synth.js";
import { registerTemplate } from "./commands/template.js";
import { registerValidate } from "./commands/validate.js";

// `attt plan list | head -1`: the reader has gone, which is not an error of ours.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });

const program = new Command("attt")
  .description(
    "attt-kit: Vietnam's provincial cybersecurity plans as data-centre stacks, school-machine baselines and a verdict.\n" +
      "attt-kit: kế hoạch an toàn thông tin của tỉnh thành hạ tầng, cấu hình máy trường học và kết luận đối chiếu.",
  )
  .version(VERSION)
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

registerValidate(program);
registerPlan(program);
registerSchema(program);
registerBaseline(program);
registerCheck(program);
registerReport(program);
registerSigning(program);
registerSynth(program);
registerTemplate(program);
registerDemo(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version are not errors; a wrong flag or argument is bad input.
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  } else throw e;
}
