import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { assertUnchangedOnDisk } from '../../src/update/assert-unchanged.js';

describe('assertUnchangedOnDisk', () => {
  it('passes for the bytes as read; refuses an edited, missing or non-UTF-8 file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-unch-'));
    try {
      const file = join(dir, 'doc.md');
      writeFileSync(file, 'a\r\n');
      await expect(assertUnchangedOnDisk(file, 'a\r\n')).resolves.toBeUndefined();
      writeFileSync(file, 'a\r\nedited\r\n');
      const err = await assertUnchangedOnDisk(file, 'a\r\n').catch((e: InputError) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).format()).toBe(`${file}: the runbook changed on disk while it ran; it was not rewritten, so your edits are kept\n  run \`runbook update\` again on the current file`);
      writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
      await expect(assertUnchangedOnDisk(file, 'caf\ufffd\n')).rejects.toThrow(/not valid UTF-8/);
      rmSync(file);
      await expect(assertUnchangedOnDisk(file, 'a\r\n')).rejects.toThrow(/disappeared/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
