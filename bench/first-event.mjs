// One streamed request at a time (what a single agent sees): the time to the first SSE event and to
// the end of the stream, medians over N requests on one keep-alive connection. wrk sees only the end.
// Usage: node bench/first-event.mjs URL BODY_FILE [N=300] [WARMUP=30]
//   env KEY (the bearer key, or x-api-key with INGRESS=anthropic), HEADERS (JSON of extra headers),
//   LABEL (tag of the RESULT line). Prints one line:
//   RESULT label=.. n=.. first_p50_ms=.. first_p90_ms=.. end_p50_ms=.. end_p90_ms=.. errors=..
// A request counts as an error unless it answers 200 and ends with `data: [DONE]` (OpenAI format) or
// `message_stop` (Anthropic format).
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [url, bodyFile, nArg = '300', warmArg = '30'] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const anthropic = process.env.INGRESS === 'anthropic';
const headers = {
  'content-type': 'application/json',
  'content-length': body.length,
  ...(anthropic ? { 'x-api-key': process.env.KEY, 'anthropic-version': '2023-06-01' }
    : { authorization: `Bearer ${process.env.KEY}` }),
  ...JSON.parse(process.env.HEADERS || '{}'),
};
const terminator = anthropic ? 'message_stop' : 'data: [DONE]';
const ms = (ns) => Number(ns) / 1e6;

/** The index just past the first complete SSE event that carries data (comments do not count), or -1. */
function endOfFirstDataEvent(text) {
  let from = 0;
  for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n', from)) {
    if (/^data:/m.test(text.slice(from, end))) return end + 2;
    from = end + 2;
  }
  return -1;
}

function oneRequest() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    let first = null;
    let head = '';
    let tail = '';
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search,
      method: 'POST', agent, headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d) => {
        if (first === null) {
          head += d;
          if (endOfFirstDataEvent(head) >= 0) first = process.hrtime.bigint();
        }
        tail = (tail + d).slice(-256);
      });
      res.on('end', () => {
        const end = process.hrtime.bigint();
        const ok = res.statusCode === 200 && first !== null && tail.includes(terminator);
        resolve({ ok, first: first === null ? NaN : ms(first - t0), end: ms(end - t0) });
      });
    });
    req.on('error', () => resolve({ ok: false }));
    req.end(body);
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const warmup = parseInt(warmArg, 10);
const n = parseInt(nArg, 10);
for (let i = 0; i < warmup; i++) await oneRequest();
const firsts = [];
const ends = [];
let errors = 0;
for (let i = 0; i < n; i++) {
  const r = await oneRequest();
  if (!r.ok) { errors++; continue; }
  firsts.push(r.first);
  ends.push(r.end);
}
agent.destroy();
const f = (v) => (v === undefined ? 'nan' : v.toFixed(3));
console.log(`RESULT label=${process.env.LABEL || 'target'} n=${firsts.length} first_p50_ms=${f(percentile(firsts, 50))} `
  + `first_p90_ms=${f(percentile(firsts, 90))} end_p50_ms=${f(percentile(ends, 50))} end_p90_ms=${f(percentile(ends, 90))} `
  + `errors=${errors}`);
