// A command line's simple commands and their words as bash splits them:
// quotes and backslashes removed, split at unquoted `|`, `;`, `&`, `&&`, `||`
// and newlines, a `#` comment dropped. A small lexer, not bash's grammar:
// enough to tell which program a line runs and with which flags (no
// expansion, no redirection parsing: `>` and `$(…)` stay inside words).

/** The simple commands of a command line (split at unquoted `|`, `;`, `&`, `&&`, `||`, newlines), each as words without their quotes. */
export function simpleCommands(command: string): { words: string[]; pipedFrom: boolean }[] {
  const out: { words: string[]; pipedFrom: boolean }[] = [];
  let words: string[] = [];
  let word: string | null = null;
  let piped = false;
  const endWord = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  const endCommand = (nextPiped: boolean) => {
    endWord();
    if (words.length > 0) out.push({ words, pipedFrom: piped });
    words = [];
    piped = nextPiped;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? '') + command.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < command.length && command[j] !== '"'; j++) text += command[j] === '\\' ? (command[++j] ?? '') : command[j];
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\') word = (word ?? '') + (command[++i] ?? '');
    else if (c === '#' && word === null) {
      const nl = command.indexOf('\n', i);
      i = nl < 0 ? command.length : nl - 1;
    } else if (c === '|') {
      const or = command[i + 1] === '|';
      if (or || command[i + 1] === '&') i++;
      endCommand(!or);
    } else if (c === '&' && (command[i - 1] === '>' || command[i - 1] === '<' || command[i + 1] === '>')) {
      word = (word ?? '') + c; // a redirection: `2>&1`, `&>file`
    } else if (c === ';' || c === '&' || c === '\n') {
      if (command[i + 1] === c) i++;
      endCommand(false);
    } else if (c === ' ' || c === '\t') endWord();
    else word = (word ?? '') + c;
  }
  endCommand(false);
  return out;
}

