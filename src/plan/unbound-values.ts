// A volatile value typed in a command before any output has shown it cannot be
// substituted from a binding: on another cluster the command runs with the
// document's value (a grep that finds nothing, a curl that hangs). Said before
// anything runs, at the command, naming the later output that shows it.
import type { Config } from '../config/schema.js';
import { Warning } from '../errors.js';
import { foundValues, scanValues, tokenize } from '../match/tokenize.js';
import { resolveClasses } from '../match/volatile-classes.js';
import type { Runbook } from '../markdown/types.js';

/** One warning per command and value: bind-mode values its command uses that no earlier output shows. */
export function unboundValues(runbook: Runbook, config: Config): Warning[] {
  const classes = resolveClasses(config).filter((c) => c.mode === 'bind');
  if (classes.length === 0) return [];
  const uses = (step: Runbook['steps'][number]) => step.kind !== 'file' && !step.annotations.skip && scanValues(step.command, classes) > 0;
  // Most transcripts type no value at all: then no output needs reading.
  if (!runbook.steps.some(uses)) return [];
  // Where each value first appears in expected output: step index and line.
  const shown = new Map<string, { step: number; line: number }>();
  // Read from the scan's buffer: a long transcript has a line per step, and most lines hold no value.
  runbook.steps.forEach((step, i) => {
    for (const l of step.expected ?? []) {
      const n = scanValues(l.text, classes);
      const found = foundValues();
      for (let k = 0; k < n; k += 3) {
        const key = `${classes[found[k + 2]!]!.name}\0${l.text.slice(found[k]!, found[k + 1]!)}`;
        if (!shown.has(key)) shown.set(key, { step: i, line: l.line });
      }
    }
  });
  const warnings: Warning[] = [];
  runbook.steps.forEach((step, i) => {
    if (!uses(step)) return;
    const seen = new Set<string>();
    for (const p of tokenize(step.command, classes)) {
      if (!p.cls) continue;
      const key = `${p.cls.name}\0${p.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const first = shown.get(key);
      if (first && first.step < i) continue;
      const later = first ? `; the output at ${step.file}:${first.line} shows it later: move that command before this one` : '; no output in the runbook shows it';
      warnings.push(new Warning(
        `${p.cls.name} ${p.text} is used before any output shows it, so it cannot be replaced by its value on another machine${later}`,
        `${step.file}:${step.line}`,
        `show it first (a command whose output prints it), or turn the class off for this block (\`<!-- runbook: ${p.cls.name}=off -->\`) if the value is fixed`,
      ));
    }
  });
  return warnings;
}
