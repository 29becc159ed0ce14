// Child for the signal test: rewrites FILE with SIZE bytes of new text, says
// "writing" on stdout just before; with defer=1 through writeAtomically
// (signals held back), with 0 through the bare replaceFile.
// argv: <compiled dir> <file> <size> <defer: 0|1>
const [dir, file, size, defer] = process.argv.slice(2);
const { writeAtomically } = await import(`${dir}/update/write-atomically.js`);
const { replaceFile } = await import(`${dir}/update/replace-file.js`);
const text = 'n'.repeat(Number(size) - 1) + '\n';
const write = defer === '1' ? writeAtomically : replaceFile;
// the signal handlers are in place once writeAtomically is called; say so from inside the write
const origOpen = (await import('node:fs')).promises.open;
(await import('node:fs')).promises.open = async (...args) => {
  process.stdout.write('writing\n');
  return origOpen(...args);
};
await write(file, text);
process.stdout.write('done\n');
