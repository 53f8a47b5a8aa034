// Writes requests.md (to stdout) from what claude-code-recorder.mjs saved in <outdir>.
// Usage: node claude-code-summary.mjs <outdir> <claude-code-version>
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, version] = process.argv.slice(2);
const index = readFileSync(join(outDir, 'index.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

function headersOf(n) {
  const lines = readFileSync(join(outDir, `request-${n}.headers`), 'utf8').trim().split('\n').slice(1);
  const map = new Map();
  for (const line of lines) {
    const i = line.indexOf(':');
    map.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return map;
}

function bodyOf(n) {
  const file = join(outDir, `request-${n}.json`);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const code = (v) => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';

function systemNote(system) {
  if (!Array.isArray(system)) return system === undefined ? 'none' : `string (${system.length} chars)`;
  // Short blocks are quoted: Claude Code puts e.g. its billing marker in a system text block.
  const parts = system.map((b) => {
    const text = b.text ?? '';
    const shown = text.length <= 120 ? ` ${code(text)}` : '';
    return `${b.type}${b.cache_control ? ' ' + code(b.cache_control) : ''} (${text.length} chars)${shown}`;
  });
  return `${system.length} blocks: ${parts.join('; ')}`;
}

function messagesNote(messages = []) {
  const roles = messages.map((m) => m.role).join(', ');
  const cached = [];
  messages.forEach((m, i) => {
    (Array.isArray(m.content) ? m.content : []).forEach((b, j) => {
      if (b.cache_control) cached.push(`messages[${i}] (${m.role}) block ${j} ${code(b.cache_control)}`);
    });
  });
  return `${messages.length} (${roles})${cached.length ? `; cache_control on ${cached.join(', ')}` : ''}`;
}

function toolsNote(tools) {
  if (!Array.isArray(tools)) return 'none';
  const deferred = tools.filter((t) => t.defer_loading).map((t) => t.name);
  const typed = tools.filter((t) => t.type && t.type !== 'custom').map((t) => `${t.name}:${t.type}`);
  const cached = tools.filter((t) => t.cache_control).map((t) => t.name);
  let note = `${tools.length}: ${tools.map((t) => t.name).join(', ')}`;
  if (deferred.length) note += `; defer_loading: ${deferred.join(', ')}`;
  if (typed.length) note += `; server/typed: ${typed.join(', ')}`;
  if (cached.length) note += `; cache_control on: ${cached.join(', ')}`;
  return note;
}

const KNOWN = new Set(['model', 'messages', 'system', 'tools', 'max_tokens', 'stream', 'thinking', 'metadata',
  'context_management', 'output_config', 'temperature', 'tool_choice']);

const out = [];
out.push('# What Claude Code sends', '');
out.push(`Recorded with \`@anthropic-ai/claude-code\` **${version}** (from npm) by \`clients/claude-code-capture.sh\``);
out.push(`on ${new Date().toISOString().slice(0, 10)}, against a local recorder (\`clients/claude-code-recorder.mjs\`) that`);
out.push('answers `/v1/messages` with a minimal valid Anthropic answer. Each run is `claude -p "say hi"` with');
out.push('DISABLE_TELEMETRY=1, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 and an empty HOME, except as noted:');
out.push('`auth-token` (ANTHROPIC_AUTH_TOKEN), `api-key` (ANTHROPIC_API_KEY instead), `other-model` (`--model');
out.push('moonshotai/kimi-k2.5`), `hello-probe` (without CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC), `stream-fallback`');
out.push('(the recorder ends the first stream after `message_start`, without `message_stop`).');
out.push('Credential header values are replaced by `<redacted>`; everything else is byte-for-byte what was sent');
out.push('(bodies re-indented).', '');
out.push('| # | run | method | path | model | stream | body bytes | auth |');
out.push('|---|---|---|---|---|---|---|---|');
for (const e of index) {
  const h = headersOf(e.n);
  const b = bodyOf(e.n);
  const auth = h.has('authorization') ? 'Authorization: Bearer' : h.has('x-api-key') ? 'x-api-key' : 'none';
  out.push(`| ${e.n} | ${e.run} | ${e.method} | \`${e.url}\` | ${b?.model ?? ''} | ${b?.stream ?? ''} | ${e.bytes} | ${auth} |`);
}
out.push('');
out.push('## Across all requests', '');
const betas = new Map();
const headerNames = new Set();
for (const e of index) {
  const h = headersOf(e.n);
  for (const k of h.keys()) headerNames.add(k);
  for (const v of (h.get('anthropic-beta') ?? '').split(',').filter(Boolean)) {
    betas.set(v.trim(), [...(betas.get(v.trim()) ?? []), e.n]);
  }
}
out.push(`- header names seen: ${[...headerNames].map((k) => '`' + k + '`').join(', ')}`);
out.push('- anthropic-beta values (request numbers that sent them):');
for (const [v, ns] of betas) out.push(`  - \`${v}\` (${ns.join(', ')})`);
for (const e of index) {
  const prev = index.find((p) => p.run === e.run && p.n < e.n && bodyOf(p.n));
  const a = prev && bodyOf(prev.n);
  const b = bodyOf(e.n);
  if (!a || !b) continue;
  const changed = Object.keys({ ...a, ...b }).filter((k) => typeof (a[k] ?? b[k]) !== 'object' && a[k] !== b[k]);
  const ha = headersOf(prev.n);
  const hb = headersOf(e.n);
  const hchanged = [...hb.keys()].filter((k) => !['host', 'content-length'].includes(k) && ha.get(k) !== hb.get(k));
  out.push(`- request-${e.n} repeats request-${prev.n} (run ${e.run}) with: ` +
    changed.map((k) => `\`${k}\` ${code(a[k] ?? null)} -> ${code(b[k] ?? null)}`).concat(
      hchanged.map((k) => `header \`${k}\` ${code(ha.get(k) ?? '')} -> ${code(hb.get(k) ?? '')}`)).join(', '));
}
out.push('');
for (const e of index) {
  const h = headersOf(e.n);
  const b = bodyOf(e.n);
  out.push(`## request-${e.n}: ${e.method} ${e.url} (${e.run})`, '');
  out.push(`- headers: ${[...h.keys()].map((k) => '`' + k + '`').join(', ')}`);
  for (const k of ['anthropic-version', 'anthropic-beta', 'user-agent', 'x-app', 'anthropic-dangerous-direct-browser-access']) {
    if (h.has(k)) out.push(`- \`${k}\`: ${code(h.get(k))}`);
  }
  if (h.has('anthropic-beta')) {
    out.push(`- anthropic-beta values (${h.get('anthropic-beta').split(',').length}): ${h.get('anthropic-beta').split(',').map((v) => code(v.trim())).join(', ')}`);
  }
  if (b && typeof b === 'object') {
    out.push(`- top-level fields: ${Object.keys(b).map((k) => '`' + k + '`').join(', ')}`);
    out.push(`- model ${code(b.model)}, stream ${code(b.stream ?? null)}, max_tokens ${code(b.max_tokens ?? null)}`);
    out.push(`- system: ${systemNote(b.system)}`);
    out.push(`- messages: ${messagesNote(b.messages)}`);
    out.push(`- tools: ${toolsNote(b.tools)}`);
    for (const k of ['thinking', 'context_management', 'output_config', 'metadata', 'temperature', 'tool_choice']) {
      if (k in b) out.push(`- ${k}: ${code(b[k])}`);
    }
    const other = Object.keys(b).filter((k) => !KNOWN.has(k));
    if (other.length) out.push(`- other fields: ${other.map((k) => `\`${k}\` = ${code(b[k])}`).join(', ')}`);
  }
  out.push('');
}


console.log(out.join('\n'));
