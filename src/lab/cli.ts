// What src/cli/program.ts loads for `runbook lab …` (lazily, so other commands never pay for it).
export { runLabCommand, type LabIo } from './command.js';
