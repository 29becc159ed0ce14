// The config a runbook runs with: YAML frontmatter under `runbook:`, or the
// top level of runbook.config.yaml. zod gives each problem a path, which
// load.ts turns into file:line.
import { z } from 'zod';
import { parseDuration } from './defaults.js';

/** A duration such as `30s`, `2m`, `500ms`, `1h`, or a number of seconds. */
export const duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)?$/, 'a duration like 500ms, 30s, 2m or 1h')])
  .transform((v) => parseDuration(v))
  .refine((ms) => ms > 0, 'a duration longer than zero');

export const mode = z.enum(['bind', 'any', 'off']);
export type Mode = z.infer<typeof mode>;

const common = {
  /** Run this target's transport from another target (kubectl typed on vm1). */
  via: z.string().optional(),
  /** Shell started on the target; bash is needed for the session loop. */
  shell: z.string().optional(),
};

const ssh = z.strictObject({
  ssh: z.string().min(1),
  port: z.number().int().positive().optional(),
  identity: z.string().optional(),
  options: z.array(z.string()).optional(),
  ...common,
});
const multipass = z.strictObject({ multipass: z.string().min(1), ...common });
const kubectl = z.strictObject({
  kubectl: z.string().min(1),
  namespace: z.string().optional(),
  container: z.string().optional(),
  context: z.string().optional(),
  ...common,
});
const docker = z.strictObject({ docker: z.string().min(1), ...common });
const podman = z.strictObject({ podman: z.string().min(1), ...common });
const netns = z.strictObject({ netns: z.string().min(1), ...common });
const command = z.strictObject({ command: z.array(z.string()).min(1), ...common });
const local = z.strictObject({ local: z.literal(true).optional(), ...common });

export const targetSpec = z.union([z.literal('local'), ssh, multipass, kubectl, docker, podman, netns, command, local]);
export type TargetSpec = z.infer<typeof targetSpec>;

const customClass = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lowercase name like pod-uid'),
  pattern: z.string().min(1),
  mode: mode.default('bind'),
});
export type CustomClass = z.infer<typeof customClass>;

export const configSchema = z.strictObject({
  /** Target for `$ ` prompts and command blocks without `on=`. */
  default: z.string().optional(),
  targets: z.record(z.string(), targetSpec).default({}),
  /** Prompt regexes tried before the defaults; named groups `host` and `user`. */
  prompts: z.array(z.string()).optional(),
  /** Lines of expected output matching this regex are author comments, never compared. */
  comments: z.string().optional(),
  timeout: duration.optional(),
  /** Per-class volatile mode overrides: `{ ipv4: off, age: any }`. */
  volatile: z.record(z.string(), mode).optional(),
  normalize: z.array(customClass).optional(),
  /** Addresses compared literally, never as volatile values (IPv4 addresses or CIDRs, IPv6 addresses); replaces the default list. */
  literal: z.array(z.string()).optional(),
  /** Environment variable names whose values never appear in reports, snapshots or updated files. */
  redact: z.array(z.string()).optional(),
  /** Regexes of output lines that transports add and no author writes (kubectl's "Unable to use a TTY" warning). */
  'ignore-output': z.array(z.string()).optional(),
  /** Fence languages added to the built-in ones: transcripts (scrut's `scrut`, `testcase`) and command blocks. */
  languages: z
    .strictObject({
      transcript: z.array(z.string().regex(/^\S+$/, 'a fence language: one word')).optional(),
      command: z.array(z.string().regex(/^\S+$/, 'a fence language: one word')).optional(),
    })
    .optional(),
  /** Bytes of output kept per step before truncating. */
  'output-cap': z.union([z.number().int().positive(), z.string().regex(/^\d+(KiB|MiB|GiB)?$/)]).optional(),
});
export type RawConfig = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;

/** The config after defaults: what the stages read. */
export interface Config {
  default?: string;
  targets: Record<string, TargetSpec>;
  prompts: RegExp[];
  comments?: RegExp;
  timeoutMs: number;
  volatile: Record<string, Mode>;
  /** Where each `volatile:` key was set (`file:line`), for errors. */
  volatileAt?: Record<string, string>;
  normalize: CustomClass[];
  /** Config `literal:` when given: addresses never volatile (the default list otherwise). */
  literal?: string[];
  redact: string[];
  /** Actual output lines matching one of these are dropped before comparing. */
  ignoreOutput: RegExp[];
  outputCap: number;
  /** Extra fence languages (lower case) read as transcripts and as command blocks. */
  languages: { transcript: string[]; command: string[] };
  /** Files the config came from, for messages. */
  sources: string[];
}


