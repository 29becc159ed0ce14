// The CLI is a thin shell: arguments → options → a command → an exit code.
// Only this file turns errors into exit codes.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError, Interrupted } from '../errors.js';
import type { Selection } from '../run/select-steps.js';
import { EXIT } from '../commands/exit-codes.js';
import { runnerVersion } from '../commands/version.js';

interface CommonFlags {
  config?: string;
  reporter?: string;
  output?: string;
  only?: string[];
  section?: string;
  from?: string;
  bail?: boolean;
  jobs?: number;
  verbose?: boolean;
  replay?: boolean;
  lab?: boolean;
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
};
const collect = (v: string, prev: string[] = []) => [...prev, v];

// Flags every command that runs steps understands.
function withRunFlags(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config file instead of the nearest runbook.config.yaml; it wins over frontmatter')
    .addOption(new Option('--reporter <name>', 'pretty | plain | json | junit | github | html (default: pretty on a terminal, else plain)'))
    .option('--output <file>', 'write the whole report to FILE (its folder is created); the summary line goes to stderr')
    .option('--only <id>', 'run only the step with id=ID (repeatable)', collect)
    .option('--section <heading>', 'run only the steps under a heading containing this text')
    .option('--from <line|heading>', 'start at this markdown line or heading')
    .option('--bail', 'stop at the first failed step (teardown still runs)')
    .option('-j, --jobs <n>', 'runbooks run in parallel (output stays in order)', positiveInt, 1)
    .option('-v, --verbose', 'show substitutions and why steps were skipped')
    .option('--lab', "run against the embedded lab (runbook lab up): its stand-ins for multipass, kubectl and sudo first on PATH, the runbook's targets as they are");
}

const commonOptions = (o: CommonFlags) => {
  const selection: Selection = { only: o.only ?? [], ...(o.section ? { section: o.section } : {}), ...(o.from ? { from: o.from } : {}) };
  return {
    ...(o.config ? { config: o.config } : {}),
    ...(o.reporter ? { reporter: o.reporter } : {}),
    ...(o.output ? { output: o.output } : {}),
    verbose: !!o.verbose,
    selection,
    bail: !!o.bail,
    jobs: o.jobs ?? 1,
    replay: !!o.replay,
    // A second Ctrl-C leaves at once (its sessions already killed): the one exit the engine asks for.
    leaveAtOnce: () => process.exit(EXIT.interrupted),
    lab: !!o.lab,
  };
};

/** Builds the commander program; each action stores its exit code in `result`. */
function buildProgram(result: { code: number }): Command {
  const program = new Command('runbook')
    .description('Run the console transcripts of markdown runbooks on the machines their prompts name, and check the output.')
    .version(runnerVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError();

  withRunFlags(program.command('run').argument('<files...>', 'runbook files'))
    .description('run runbooks and report what drifted (writes nothing)')
    .option('--record', 'store each run in snapshots/ beside the runbooks')
    .option('--replay', 'use the recorded snapshot instead of executing')
    .option('--step', 'confirm each step before it runs')
    .action(async (files: string[], o: CommonFlags & { record?: boolean; step?: boolean }) => {
      const { runCommand } = await import('../commands/run.js');
      result.code = await runCommand(files, { ...commonOptions(o), record: !!o.record, step: !!o.step });
    });

  withRunFlags(program.command('update').argument('<files...>', 'runbook files'))
    .description('run runbooks and rewrite their expected output in place')
    .option('--dry-run', 'print the patch instead of writing')
    .option('--replay', 'use the recorded snapshot instead of executing')
    .action(async (files: string[], o: CommonFlags & { dryRun?: boolean }) => {
      const { updateCommand } = await import('../commands/update.js');
      result.code = await updateCommand(files, { ...commonOptions(o), dryRun: !!o.dryRun });
    });

  withRunFlags(program.command('check').argument('[paths...]', 'runbook files or folders (default: runbooks/)'))
    .description('CI docs-drift check: run every runbook, never write them')
    .option('--replay', 'use recorded snapshots instead of executing')
    .option('--shard <K/N>', 'run only the K-th of N parts of the runbooks found (each file\'s part comes from a hash of its path)')
    .action(async (paths: string[], o: CommonFlags & { shard?: string }) => {
      const { checkCommand } = await import('../commands/check.js');
      result.code = await checkCommand(paths, { ...commonOptions(o), ...(o.shard !== undefined ? { shard: o.shard } : {}) });
    });

  program
    .command('merge-reports')
    .argument('<files...>', 'JSON reports of `check --shard K/N --reporter json --output FILE`, one per shard')
    .description('join the JSON reports of the shards of a check into one report; exit code of the whole')
    .addOption(new Option('--reporter <name>', 'pretty | plain | json | junit | github (default: pretty on a terminal, else plain)'))
    .option('--output <file>', 'write the whole report to FILE (its folder is created); the summary line goes to stderr')
    .option('-v, --verbose', 'show substitutions and why steps were skipped')
    .action(async (files: string[], o: { reporter?: string; output?: string; verbose?: boolean }) => {
      const { mergeReportsCommand } = await import('../commands/merge-reports.js');
      result.code = await mergeReportsCommand(files, { ...(o.reporter ? { reporter: o.reporter } : {}), ...(o.output ? { output: o.output } : {}), verbose: !!o.verbose });
    });

  program
    .command('plan')
    .argument('<files...>', 'runbook files')
    .description('show what would run, where, and what is checked; run nothing')
    .option('--config <file>', 'config file instead of the nearest runbook.config.yaml; it wins over frontmatter')
    .option('--reporter <name>', 'plain (default) or json')
    .option('--check', 'also start the shell of every target and say which can be used (runs nothing of the runbook; exit 1 if one cannot)')
    .option('--lab', 'mark the steps a run on the embedded lab skips, and why; with --check, probe the targets through its stand-ins (see run --lab)')
    .action(async (files: string[], o: { config?: string; reporter?: string; check?: boolean; lab?: boolean }) => {
      const { planCommand } = await import('../commands/plan.js');
      result.code = await planCommand(files, o);
    });

  program
    .command('lab')
    .argument('<action>', 'up | down | status | kubectl ARGS… | multipass ARGS… (the stand-ins of the lab\'s simulated control plane)')
    .option('--variant <name>', 'a (the cheat sheet addresses, default: $LAB_VARIANT or a) or b (all different)')
    .description('the embedded 3-node networking lab on network namespaces (root)')
    .action(async (action: string, o: { variant?: string }) => {
      const { runLabCommand } = await import('../lab/cli.js');
      result.code = await runLabCommand([action, ...(o.variant ? ['--variant', o.variant] : [])]);
    });

  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // `lab kubectl …` / `lab multipass …`: the stand-ins take their own arguments, kubectl's and multipass's.
  if (argv[0] === 'lab' && (argv[1] === 'kubectl' || argv[1] === 'multipass')) {
    const { runStandIn } = await import('../lab/control-plane/index.js');
    return runStandIn(argv[1], argv.slice(2));
  }
  const result = { code: EXIT.ok as number };
  try {
    await buildProgram(result).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (e instanceof InputError) {
      process.stderr.write(`runbook: ${e.format()}\n`);
      return EXIT.badInput;
    }
    if (e instanceof Interrupted) return EXIT.interrupted;
    process.stderr.write(`runbook: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.badInput;
  }
}
