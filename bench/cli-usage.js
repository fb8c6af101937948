'use strict';
// Preloaded into a benchmarked CLI process (`node -r bench/cli-usage.js bin/migrate.js ...`):
// at exit it writes the process's own resource usage (CPU time, peak RSS) as JSON to the file
// named by BENCH_USAGE_FILE, which a parent process cannot read from spawnSync.
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

if (isMainThread && process.env.BENCH_USAGE_FILE) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ userSeconds: u.userCPUTime / 1e6, systemSeconds: u.systemCPUTime / 1e6, maxRssMiB: u.maxRSS / 1024 }));
  });
}
