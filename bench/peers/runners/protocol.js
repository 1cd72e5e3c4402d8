// The runner protocol of bench/peers/run.py for Node tools: read
// {"sentences": [...], "reference": "YYYY-MM-DD", "seconds": S} on stdin;
// extract from every sentence once (warm-up, and the answers), then again
// and again for S seconds of CPU time; print
// {"tool", "claims", "outputs": [{...} per sentence], "chars_per_s"}.
function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function run(tool, claims, extract) {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const [y, m, d] = input.reference.split('-').map(Number);
  const ref = new Date(y, m - 1, d);
  const outputs = input.sentences.map((s) => extract(s, ref));
  let chars = 0;
  const start = cpuSeconds();
  let spent = 0;
  while (spent < input.seconds) {
    for (const s of input.sentences) {
      extract(s, ref);
      chars += [...s].length;
    }
    spent = cpuSeconds() - start;
  }
  process.stdout.write('\n' + JSON.stringify({ tool, claims, outputs, chars_per_s: chars / spent }));
}

module.exports = { run };
