-- wrk script: POST a ~1 KB OpenAI chat request (system + user message), non-streamed.
-- Env: TARGET_PATH (request path), MODEL, KEY (bearer), LABEL (tag of the RESULT line), STREAM=1 to stream,
--      INGRESS=anthropic for the same request in Anthropic's Messages format (x-api-key, top-level system),
--      BODY_FILE=file to send that OpenAI request instead (its "MODEL" is replaced; bench/agent-request.py).
local user = "Summarize the following support ticket in two sentences and suggest one next step. " ..
  "Ticket: The customer reports that since the last update, exporting a report to CSV intermittently fails " ..
  "with a timeout after about thirty seconds. It happens mostly for reports with more than ten thousand rows, " ..
  "and only in the afternoon. Retrying sometimes works. They are on the Business plan, region eu-west, and have " ..
  "already cleared their browser cache and tried two browsers. They need the export for a board meeting on " ..
  "Friday and ask whether there is a workaround or an ETA for a fix. Please keep the tone friendly."

local system = "You are a concise, helpful customer-support assistant."
wrk.method = "POST"
wrk.path = os.getenv("TARGET_PATH")
wrk.headers["Content-Type"] = "application/json"
if os.getenv("INGRESS") == "anthropic" then
  wrk.headers["x-api-key"] = os.getenv("KEY")
  wrk.headers["anthropic-version"] = "2023-06-01"
  wrk.body = '{"model":"' .. os.getenv("MODEL") .. '","system":"' .. system .. '","messages":[' ..
    '{"role":"user","content":"' .. user .. '"}],"temperature":0.2,"max_tokens":256' ..
    (os.getenv("STREAM") == "1" and ',"stream":true' or '') .. '}'
else
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
  wrk.body = '{"model":"' .. os.getenv("MODEL") .. '","messages":[' ..
    '{"role":"system","content":"' .. system .. '"},' ..
    '{"role":"user","content":"' .. user .. '"}],"temperature":0.2,"max_tokens":256' ..
    (os.getenv("STREAM") == "1" and ',"stream":true,"stream_options":{"include_usage":true}' or '') .. '}'
end
local body_file = os.getenv("BODY_FILE")
if body_file then
  local f = assert(io.open(body_file, "r"))
  wrk.body = f:read("*a"):gsub('"MODEL"', '"' .. os.getenv("MODEL") .. '"', 1)
  f:close()
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT label=%s requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
    os.getenv("LABEL") or "target", summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
