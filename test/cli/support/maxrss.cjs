// Preloaded with `node --require` into a CLI under test: on exit, writes the
// process's peak resident memory (bytes) to the file named by MAXRSS_FILE.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.MAXRSS_FILE) writeFileSync(process.env.MAXRSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
