// What the bin does for every command but `--version`: the lab's stand-ins
// straight to their code, everything else through the command-line program
// with its output redacted. Returns the exit code.

export async function start(argv: string[]): Promise<number> {
  // A reader that goes away (`runbook run … | head`) or a full disk (`>/dev/full`) must not
  // kill the run before its teardown: what cannot be written is dropped, the run goes on.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  if (argv[0] === 'lab' && (argv[1] === 'kubectl' || argv[1] === 'multipass')) {
    // The lab's stand-ins (/run/runbook-lab/bin/kubectl runs `runbook lab kubectl …`) start many
    // times per runbook: straight to their code, without the command-line program or redaction.
    const { runStandIn } = await import('./lab/control-plane/index.js');
    return runStandIn(argv[1], argv.slice(2));
  }
  // Every byte the tool prints passes the redaction of `redact:` values.
  const { redactStream } = await import('./redaction.js');
  redactStream(process.stdout);
  redactStream(process.stderr);
  const { main } = await import('./cli/program.js');
  return main(argv);
}
