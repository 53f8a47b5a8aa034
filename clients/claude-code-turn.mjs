// Summarizes one `claude -p --output-format stream-json --verbose` run for claude-code-check.sh:
// the tools the model called (tool_use blocks), the tool results Claude Code sent back, and the
// final result event. Usage: node claude-code-turn.mjs FILE [TOOL]. Prints one line; exits 1 when
// the run did not end in a successful result with text, or (with TOOL) when TOOL was not called
// and answered with a tool_result before that answer.
import { readFileSync } from "node:fs";

const [file, wantedTool] = process.argv.slice(2);
const events = [];
for (const line of readFileSync(file, "utf8").split("\n")) {
  if (!line.trim().startsWith("{")) continue;
  try {
    events.push(JSON.parse(line));
  } catch {
    // Not an event (claude prints nothing else on stdout, but a partial line must not crash this).
  }
}

const calls = new Map(); // tool_use id -> name
const answered = []; // names of the tools whose tool_result came back, in order
let errors = 0;
for (const event of events) {
  for (const block of event.message?.content ?? []) {
    if (event.type === "assistant" && block.type === "tool_use") calls.set(block.id, block.name);
    if (event.type === "user" && block.type === "tool_result") {
      answered.push(calls.get(block.tool_use_id) ?? `unknown id ${block.tool_use_id}`);
      if (block.is_error) errors++;
    }
  }
}
const result = events.findLast((event) => event.type === "result");
const answer = String(result?.result ?? "").replace(/\s+/g, " ").trim();

const problems = [];
if (!result) problems.push("no result event");
else if (result.subtype !== "success" || result.is_error) {
  problems.push(`result ${result.subtype}${result.is_error ? " (is_error)" : ""}`);
}
if (!answer) problems.push("no text answer");
if (wantedTool && !answered.includes(wantedTool)) {
  problems.push(`no ${wantedTool} tool_use answered by a tool_result`);
}
const tools = [...calls.values()].join(",") || "none";
const summary =
  `${result?.num_turns ?? "?"} turns, tool_use: ${tools}, tool_result: ${answered.length}` +
  ` (${errors} is_error), answer "${answer.slice(0, 60)}"`;
console.log(problems.length ? `${problems.join("; ")}; ${summary}` : summary);
process.exit(problems.length ? 1 : 0);
