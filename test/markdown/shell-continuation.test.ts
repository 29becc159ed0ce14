import { describe, expect, it } from 'vitest';
import { CommandReader } from '../../src/markdown/shell-continuation.js';

// Feeds lines and returns the state after each.
function states(...lines: string[]): (string | null)[] {
  const r = new CommandReader();
  return lines.map((l) => {
    r.feed(l);
    return r.incomplete;
  });
}

describe('CommandReader', () => {
  it('completes simple commands, comments included', () => {
    expect(states('ls -la')).toEqual([null]);
    expect(states("echo it's fine")).toEqual(['quote']);
    expect(states("echo hi # it's a comment")).toEqual([null]);
    expect(states('echo a\\ b')).toEqual([null]);
  });

  it('continues after a trailing backslash', () => {
    expect(states('kubectl get pods \\', '  -o wide')).toEqual(['backslash', null]);
    expect(states('echo "a \\', 'b"')).toEqual(['quote', null]);
  });

  it('follows heredocs to their terminator, in every spelling', () => {
    expect(states('cat <<EOF', 'a $x', 'EOF')).toEqual(['heredoc', 'heredoc', null]);
    expect(states("cat <<'END' > f", 'x', 'END')).toEqual(['heredoc', 'heredoc', null]);
    expect(states('cat <<-EOF', '\tindented', '\tEOF')).toEqual(['heredoc', 'heredoc', null]);
    expect(states('cat <<"EOF" | wc -l', 'EOF')).toEqual(['heredoc', null]);
    expect(states('cat <<A <<B', 'a', 'A', 'b', 'B')).toEqual(['heredoc', 'heredoc', 'heredoc', 'heredoc', null]);
    expect(states('cat <<< "here string"')).toEqual([null]);
    expect(states('echo $((1 << 2))')).toEqual([null]);
  });

  it('keeps a quote open across lines', () => {
    expect(states('echo "one', 'two"')).toEqual(['quote', null]);
    expect(states("echo 'a", 'b', "c'")).toEqual(['quote', 'quote', null]);
    expect(states("echo $'it\\'s'")).toEqual([null]);
  });
});
