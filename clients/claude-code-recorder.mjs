// A local stand-in for the Anthropic API that records every request Claude Code sends.
// Usage: node claude-code-recorder.mjs <outdir> <run-label>   (prints "listening <port>" on stdout)
// Each request is saved as request-N.json (body, pretty-printed when it is JSON) and request-N.headers
// (names and values; credential values replaced by <redacted>), plus one line in index.jsonl.
// Answers: HEAD/GET /api/hello 200; POST /v1/messages a minimal valid Anthropic answer (SSE when the
// body says stream: true, JSON otherwise); /v1/messages/count_tokens {"input_tokens": N}; anything
// else a 404 in Anthropic's error shape. Only listens on 127.0.0.1.
// RECORDER_CUT_STREAMS=N: the first N streamed answers end right after message_start (no message_stop),
// to record what Claude Code sends after an incomplete stream (it retries with stream: false).
import { createServer } from 'node:http';
import { appendFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, runLabel = 'run'] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node claude-code-recorder.mjs <outdir> <run-label>');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

// Continue numbering across runs that share one output directory.
let counter = readdirSync(outDir).filter((f) => /^request-\d+\.headers$/.test(f)).length;

let streamsToCut = Number(process.env.RECORDER_CUT_STREAMS ?? 0);

const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'x-goog-api-key']);

function redact(name, value) {
  if (!SECRET_HEADERS.has(name)) return value;
  const bearer = /^(Bearer|Basic)\s+/i.exec(value);
  return bearer ? `${bearer[1]} <redacted>` : '<redacted>';
}

function headerLines(req) {
  const lines = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    lines.push(`${name}: ${redact(name.toLowerCase(), req.rawHeaders[i + 1])}`);
  }
  return lines.join('\n') + '\n';
}

function sse(res, events) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [event, data] of events) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  res.end();
}

function messageAnswer(model, n) {
  const id = `msg_recorder_${String(n).padStart(4, '0')}`;
  const usage = { input_tokens: 12, output_tokens: 3 };
  return { id, model, text: 'hi', usage };
}

function answerMessages(res, body, n) {
  const { id, model, text, usage } = messageAnswer(body?.model ?? 'unknown', n);
  if (body?.stream && streamsToCut > 0) {
    streamsToCut -= 1;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id, type: 'message',
      role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } })}\n\n`);
    res.end();
    return;
  }
  if (body?.stream) {
    sse(res, [
      ['message_start', { type: 'message_start', message: { id, type: 'message', role: 'assistant', model,
        content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } } }],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
      ['ping', { type: 'ping' }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: usage.output_tokens } }],
      ['message_stop', { type: 'message_stop' }],
    ]);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id, type: 'message', role: 'assistant', model, content: [{ type: 'text', text }],
    stop_reason: 'end_turn', stop_sequence: null, usage }));
}

function record(req, raw) {
  counter += 1;
  const n = counter;
  let body = null;
  let text = raw.toString('utf8');
  try {
    if (raw.length) {
      body = JSON.parse(text);
      text = JSON.stringify(body, null, 2) + '\n';
    }
  } catch {
    body = null;
  }
  if (raw.length) writeFileSync(join(outDir, `request-${n}.json`), text);
  writeFileSync(join(outDir, `request-${n}.headers`), `${req.method} ${req.url} HTTP/${req.httpVersion}\n${headerLines(req)}`);
  const entry = { n, run: runLabel, method: req.method, url: req.url, bytes: raw.length, hasBody: raw.length > 0 };
  appendFileSync(join(outDir, 'index.jsonl'), JSON.stringify(entry) + '\n');
  return { n, body };
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const { n, body } = record(req, Buffer.concat(chunks));
    const path = req.url.split('?')[0];
    if (path === '/api/hello') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : '{"message":"hello"}');
    } else if (req.method === 'POST' && path === '/v1/messages') {
      answerMessages(res, body, n);
    } else if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ input_tokens: 12 }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no route ${req.method} ${path}` } }));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => server.close(() => process.exit(0)));
