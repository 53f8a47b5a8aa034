// One streamed request at a time (what a single agent sees): the time to the first SSE event and to
// the end of the stream, medians over N requests on one keep-alive connection. wrk sees only the end.
// It speaks HTTP/1.1 on a bare socket (one write per request, no HTTP library on the way), so its own
// cost stays small beside the tenths of a millisecond it measures.
// Usage: node bench/first-event.mjs URL BODY_FILE [N=300] [WARMUP=30]
//   env KEY (the bearer key, or x-api-key with INGRESS=anthropic), HEADERS (JSON of extra headers),
//   LABEL (tag of the RESULT line). Prints one line:
//   RESULT label=.. n=.. first_p50_ms=.. first_p90_ms=.. end_p50_ms=.. end_p90_ms=.. errors=..
// A request counts as an error unless it answers 200 and ends with `data: [DONE]` (OpenAI format) or
// `message_stop` (Anthropic format).
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [url, bodyFile, nArg = '300', warmArg = '30'] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const target = new URL(url);
const anthropic = process.env.INGRESS === 'anthropic';
const headers = {
  host: target.host,
  'content-type': 'application/json',
  'content-length': String(body.length),
  ...(anthropic ? { 'x-api-key': process.env.KEY, 'anthropic-version': '2023-06-01' }
    : { authorization: `Bearer ${process.env.KEY}` }),
  ...JSON.parse(process.env.HEADERS || '{}'),
};
const head = `POST ${target.pathname}${target.search} HTTP/1.1\r\n`
  + Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
const request = Buffer.concat([Buffer.from(head, 'latin1'), body]);
const terminator = anthropic ? 'message_stop' : 'data: [DONE]';
const ms = (ns) => Number(ns) / 1e6;

/** True once the body holds a complete SSE event that carries data (comments do not count). */
function hasFirstDataEvent(text, from) {
  const data = text.indexOf('data:', from);
  return data >= 0 && text.indexOf('\n\n', data) >= 0;
}

/** Parses one response off the socket as it arrives; calls back when it is complete. */
class Response {
  constructor(t0, done) {
    Object.assign(this, { t0, done, text: '', bodyAt: -1, status: 0, length: -1, first: null });
  }

  onData(chunk) {
    this.text += chunk.toString('latin1');
    if (this.bodyAt < 0) {
      const end = this.text.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.bodyAt = end + 4;
      const lines = this.text.slice(0, end).split('\r\n');
      this.status = parseInt(lines[0].split(' ')[1], 10);
      const len = lines.find((l) => /^content-length:/i.test(l));
      if (len) this.length = parseInt(len.split(':')[1], 10);
    }
    if (this.first === null && hasFirstDataEvent(this.text, this.bodyAt)) this.first = process.hrtime.bigint();
    const complete = this.length >= 0 ? this.text.length - this.bodyAt >= this.length
      : this.text.endsWith('\r\n0\r\n\r\n') || this.text.length - this.bodyAt === 5;
    if (complete) {
      const end = process.hrtime.bigint();
      const ok = this.status === 200 && this.first !== null && this.text.includes(terminator);
      this.done({ ok, first: ok ? ms(this.first - this.t0) : NaN, end: ms(end - this.t0) });
    }
  }
}

let socket = null;
let current = null;
function connect() {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: target.hostname, port: Number(target.port), noDelay: true }, () => resolve(s));
    s.on('error', reject);
    s.on('data', (d) => current && current.onData(d));
    s.on('close', () => {
      if (socket === s) socket = null;
      if (current) current.done({ ok: false });
    });
  });
}

async function oneRequest() {
  if (socket === null) socket = await connect();
  return new Promise((resolve) => {
    current = new Response(process.hrtime.bigint(), (r) => { current = null; resolve(r); });
    socket.write(request);
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
if (socket) socket.destroy();
const f = (v) => (v === undefined ? 'nan' : v.toFixed(3));
console.log(`RESULT label=${process.env.LABEL || 'target'} n=${firsts.length} first_p50_ms=${f(percentile(firsts, 50))} `
  + `first_p90_ms=${f(percentile(firsts, 90))} end_p50_ms=${f(percentile(ends, 50))} end_p90_ms=${f(percentile(ends, 90))} `
  + `errors=${errors}`);
