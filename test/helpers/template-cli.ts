/**
 * `attt template ...` as the CLI runs it, for the tests, until bin/attt.ts registers the
 * command (then test/vendor-templates.test.ts runs the real bin/attt.ts instead). Same
 * exit-code handling as bin/attt.ts.
 */
import { Command, CommanderError } from "commander";
import { EXIT_BAD_INPUT } from "../../bin/cli-kit.js";
import { registerTemplate } from "../../bin/commands/template.js";

const program = new Command("attt").exitOverride();
registerTemplate(program);
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  else throw e;
}
