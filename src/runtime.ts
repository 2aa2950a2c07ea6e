/**
 * Node.js flags every long-running briefbot process starts with: the package.json scripts,
 * the shebang of bin/briefbot.js, the benchmark's child processes and Discord's shard processes
 * (the first two spell them out, as a shebang and a script cannot import this).
 *
 * `--v8-pool-size=0` sizes V8's background thread pool to the machine (cores minus one, at
 * least one) instead of Node's fixed four. With four on a two-core machine, V8's concurrent
 * marking, sweeping and compiling threads outnumber the free core, and the scheduler hands the
 * answering thread's core to one of them for a 4 ms slice now and then: about one question in
 * a hundred took 4 ms instead of 0.05 ms, which set the p99 (`npm run bench`, seed corpus).
 */
export const NODE_FLAGS: readonly string[] = ['--v8-pool-size=0'];
