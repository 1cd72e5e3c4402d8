// chrono-node (npm), Simplified Chinese parser: dates. Protocol: run.py.
const { run } = require('./protocol.js');
const chrono = require('chrono-node');
const parser = chrono.zh.hans || chrono.zh;

function iso(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

run('chrono-node', ['dates'], (text, ref) => {
  const dates = [];
  for (const r of parser.parse(text, ref)) {
    dates.push(iso(r.start.date()));
    if (r.end) dates.push(iso(r.end.date()));
  }
  return { dates };
});
