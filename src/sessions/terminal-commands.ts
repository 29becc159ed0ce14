// Commands that ask for a terminal: `kubectl exec -it POD -- curl …`,
// `docker run -t …`. Where the transcript was typed they had one, and what ran
// there behaved as on a terminal — curl shows no progress meter when its output
// goes to one — while a session's shell has none (kubectl would warn "Unable to
// use a TTY" and run without). So the shell loop runs such a command under
// util-linux `script`: a pseudo-terminal for that command alone, its CRLFs
// turned back into LFs, its exit status kept. Only a single simple command is
// wrapped (the shell still expands its words, so variables work); where the
// target has no util-linux `script`, the command runs as it is.
import { simpleCommands } from './shell-words.js';

/** The shell function of the session loop that gives its arguments a terminal (see LOOP_SCRIPT). */
export const TTY_FUNCTION = '__rb_tty';

const TOOLS = /kubectl|\boc\b|docker|podman/;

// `-t`, `-it`, `-ti`, `--tty`, `--tty=true`
const TTY_FLAG = /^-[a-zA-Z]*t[a-zA-Z]*$|^--tty(?:=true)?$/;
// docker/podman flags of exec and run that take a value (the next word).
const VALUE_FLAGS = new Set(['-u', '--user', '-w', '--workdir', '-e', '--env', '-v', '--volume', '-p', '--publish', '--network', '--net', '--entrypoint', '-h', '--hostname', '--name', '--env-file', '-l', '--label', '--mount', '--platform']);

function kubectlWantsTty(w: string[]): boolean {
  const dash = w.indexOf('--');
  const before = dash < 0 ? w.slice(1) : w.slice(1, dash);
  return before.some((a) => ['exec', 'run', 'attach', 'debug'].includes(a)) && before.some((a) => TTY_FLAG.test(a));
}

function containerWantsTty(w: string[]): boolean {
  if (w[1] !== 'exec' && w[1] !== 'run') return false;
  for (let i = 2; i < w.length; i++) {
    const a = w[i]!;
    if (!a.startsWith('-')) return false;
    if (TTY_FLAG.test(a)) return true;
    if (VALUE_FLAGS.has(a)) i++;
  }
  return false;
}

/** Whether `command` is one simple command that asks for a terminal (then the loop gives it one). */
export function wantsTerminal(command: string): boolean {
  // Most commands name none of these tools: no need to split their words (this runs for every command).
  if (!TOOLS.test(command)) return false;
  const commands = simpleCommands(command);
  if (commands.length !== 1) return false;
  let w = commands[0]!.words;
  // `sudo kubectl …` wraps as it is; `VAR=x kubectl …` would not (the function takes no assignments).
  if (w[0] === 'sudo') {
    w = w.slice(1);
    while (w[0]?.startsWith('-')) w = ['-u', '-g'].includes(w[0]) ? w.slice(2) : w.slice(1);
  }
  const tool = (w[0] ?? '').split('/').pop()!;
  if (tool === 'kubectl' || tool === 'oc') return kubectlWantsTty(w);
  if (tool === 'docker' || tool === 'podman') return containerWantsTty(w);
  return false;
}

/** The text the loop runs for `command`: the command itself, or under the terminal function. */
export function commandOnWire(command: string): string {
  return wantsTerminal(command) ? `${TTY_FUNCTION} ${command}` : command;
}
