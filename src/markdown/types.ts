// The data a parsed runbook hands to the later stages (plan, run, update).
// Every position is 1-based for lines and 0-based UTF-16 offsets into the
// file's text as read (BOM included), so update can splice the original bytes.

/** A line of expected output, as the author wrote it in the markdown. */
export interface ExpectedLine {
  /** The line's text, without the container prefix (`> `, list indent) and without its line ending. */
  text: string;
  /** 1-based line number in the markdown file. */
  line: number;
  /** Offset of the first character of `text` in the file. */
  start: number;
  /** Offset just past the last character of `text` (before the line ending). */
  end: number;
}

/** Annotation values that apply to a step (from `<!-- runbook: … -->` or the info string). */
export interface Annotations {
  on?: string;
  skip?: boolean;
  run?: boolean;
  timeoutMs?: number;
  retryMs?: number;
  intervalMs?: number;
  stopAfterMs?: number;
  /** Expected exit status; `'any'` accepts every status. Default 0. */
  exit?: number | 'any';
  unordered?: boolean;
  /** Keep a table's row order (tables compare as row sets otherwise). */
  ordered?: boolean;
  exact?: boolean;
  output?: boolean;
  file?: string;
  teardown?: boolean;
  id?: string;
  /** Per-block volatile class modes, e.g. `ipv4=off` → { ipv4: 'off' }. */
  modes?: Record<string, 'bind' | 'any' | 'off'>;
}

export type StepKind =
  /** A prompt line (plus continuation lines) in a transcript block. */
  | 'command'
  /** A whole `sh`/`bash` block run as one script. */
  | 'script'
  /** A block annotated `file=PATH`: its content is written to PATH on the target. */
  | 'file';

/** One thing to run, in document order. */
export interface Step {
  /** 0-based position among the runbook's steps. */
  index: number;
  kind: StepKind;
  /** Markdown file the step comes from. */
  file: string;
  /** 1-based line of the prompt (command) or of the opening fence (script, file). */
  line: number;
  /** Name of the target that runs it (already resolved from prompt / on= / default). */
  target: string;
  /** How the target was chosen: the prompt's host, `on=`, the default, or a shell switch line. */
  targetSource: 'prompt' | 'on' | 'default' | 'switch' | 'local';
  /** The command text to run, continuation prompts removed, lines joined with `\n`. */
  command: string;
  /** For `file` steps: the path to write on the target, and the content. */
  filePath?: string;
  fileContent?: string;
  /**
   * Expected output lines, or null when the output is not compared
   * (a script block without an `output` block after it).
   */
  expected: ExpectedLine[] | null;
  /**
   * Where new expected output goes when the step has no output lines yet:
   * offset at which update may insert lines (start of the next prompt line or closing fence).
   */
  insertAt: number;
  /** Container prefix of the block's lines (e.g. `> ` inside a blockquote), for inserted lines. */
  linePrefix: string;
  /** Expected exit status from a cram-style `[N]` last line or `exit=`; 'any' accepts all. */
  exit: number | 'any';
  /** The line that held a cram-style `[N]`, if any (kept out of `expected`). */
  exitLine?: ExpectedLine;
  annotations: Annotations;
  /** Heading path above the step, outermost first (for `--section`). */
  headings: string[];
  /** Why the step can never run as written (a command left open: quote, heredoc, `\`): it is skipped with this reason. */
  unrunnable?: string;
}

/** A fenced or indented code block that is never run, listed by `plan` so nothing is skipped silently. */
export interface IgnoredBlock {
  file: string;
  line: number;
  lang: string | null;
  reason: string;
  /** An unlabeled fenced block's text: commands the author ran by hand (`runbook run --lab` reads its story from them). */
  text?: string;
}

/** Where a target name was mentioned: for "unknown target" errors and for defining targets from shell-switch lines. */
export interface TargetMention {
  name: string;
  file: string;
  line: number;
  /** How it was mentioned: a prompt, `on=`, or a shell switch line that implies a definition. */
  via: 'prompt' | 'on' | 'default' | 'switch';
  /** For shell-switch lines: the target definition the line implies (e.g. kubectl exec via vm1). */
  implied?: import('../config/schema.js').TargetSpec;
}

export interface Runbook {
  file: string;
  /** The file's text exactly as read. */
  source: string;
  steps: Step[];
  ignored: IgnoredBlock[];
  mentions: TargetMention[];
  /** Blocks that look like transcripts but hold no known prompt, a runbook with no step: said before anything runs. */
  warnings: import('../errors.js').Warning[];
}
