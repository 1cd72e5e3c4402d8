// @microsoft/recognizers-text-suite (npm), Culture.Chinese: numbers and
// dates. A date is a resolution's value, or the start of a date range (the
// end of a month, quarter or year range is exclusive: the next day), or
// both ends of a range the text writes out (10月1日至12月31日). Protocol:
// run.py.
const { run } = require('./protocol.js');
const R = require('@microsoft/recognizers-text-suite');

function resolutionDates(values, written) {
  if (!values || !values.length) return [];
  const v = values[values.length - 1];  // past and future readings: the last is the future one
  if (v.value && /^\d{4}-\d\d-\d\d/.test(v.value)) return [v.value.slice(0, 10)];
  const out = [];
  if (v.start) out.push(v.start.slice(0, 10));
  if (v.end && /[至到—-]/.test(written)) out.push(v.end.slice(0, 10));
  return out;
}

run('recognizers-text', ['numbers', 'dates'], (text, ref) => {
  const numbers = [];
  for (const r of R.recognizeNumber(text, R.Culture.Chinese)) {
    const v = Number(r.resolution && r.resolution.value);
    if (Number.isFinite(v)) numbers.push(v);
  }
  const dates = [];
  for (const r of R.recognizeDateTime(text, R.Culture.Chinese, undefined, ref))
    dates.push(...resolutionDates(r.resolution && r.resolution.values, r.text));
  return { numbers, dates };
});
