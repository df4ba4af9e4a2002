// Loaded into every node test file (node --import): a file that calls
// process.exit() stops before its remaining tests run, and node's runner
// would report only the tests that finished, all passing.  Turning a
// zero exit into a non-zero one makes the runner mark the file failed.
const realExit = process.exit.bind(process);
process.exit = (code) => {
  process.stderr.write(`test file called process.exit(${code ?? ''}) before its tests finished\n`);
  realExit(code ? code : 70);
};
