-- wrk script for bench/peers.sh: bench/chat.lua's request, so every target gets the same body, plus
--   PORTKEY_CUSTOM_HOST=url -> Portkey's headers (x-portkey-provider: openai, x-portkey-custom-host: url)
--   BODY_OUT=file           -> also writes the request body there (first-event.mjs sends the same bytes)
-- Run from the repository root (chat.lua is loaded by that path).
dofile("bench/chat.lua")

local custom_host = os.getenv("PORTKEY_CUSTOM_HOST")
if custom_host then
  wrk.headers["x-portkey-provider"] = "openai"
  wrk.headers["x-portkey-custom-host"] = custom_host
end

local body_out = os.getenv("BODY_OUT")
if body_out then
  local f = assert(io.open(body_out, "w"))
  f:write(wrk.body)
  f:close()
end
