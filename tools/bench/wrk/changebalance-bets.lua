-- wrk script: signed Operator API changebalance BETs of 0.01, round robin over the players of a
-- file, each with a transaction id no other request of the run has. Costs the load generator a
-- few microseconds per request: the signature covers only command, timestamp and secret (not
-- `data`), so the runner computes it once and passes it in.
--
-- Environment (set by tools/bench/wrk-load.ts):
--   WRK_PLAYERS_FILE   lines "user_id token game_id currency"
--   WRK_OPERATOR_ID    X-Operator-Id
--   WRK_AUTHORIZATION  sha1("changebalance" . secret)
--   WRK_TIMESTAMP      the request_timestamp the hash was made for
--   WRK_HASH           sha1("changebalance" . timestamp . secret)
--   WRK_ID_BASE        a 12-digit prefix unique to the run (no leading zero); 2 digits of thread and 6 of counter make the 20-digit id
--   WRK_DELAY_MS       optional pause before each request of a connection (an approximate rate)
--   WRK_RESULT_FILE    where each thread's result-code counts go, one line per code

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  players = {}
  for line in io.lines(os.getenv("WRK_PLAYERS_FILE")) do
    local user, token, game, currency = line:match("^(%S+) (%S+) (%S+) (%S+)$")
    if user then table.insert(players, { user = user, token = token, game = game, currency = currency }) end
  end
  if #players == 0 then error("no players in " .. os.getenv("WRK_PLAYERS_FILE")) end
  counter = 0
  codes = {}
  delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
  id_prefix = os.getenv("WRK_ID_BASE") .. string.format("%02d", thread_number)
  wrk.method = "POST"
  wrk.path = wrk.path
  wrk.headers["Content-Type"] = "application/json; charset=utf-8"
  wrk.headers["X-Operator-Id"] = os.getenv("WRK_OPERATOR_ID")
  wrk.headers["X-Authorization"] = os.getenv("WRK_AUTHORIZATION")
  envelope_head = '{"command":"changebalance","request_timestamp":"' .. os.getenv("WRK_TIMESTAMP") .. '","hash":"' .. os.getenv("WRK_HASH") .. '","data":'
  timestamp = os.getenv("WRK_TIMESTAMP")
end

function request()
  counter = counter + 1
  -- Players in turn, starting at an offset per thread, so concurrent requests spread over them.
  local player = players[((counter + thread_number * 7919) % #players) + 1]
  local id = id_prefix .. string.format("%06d", counter)
  local body = envelope_head .. '{"token":"' .. player.token .. '","user_id":"' .. player.user .. '","transaction_type":"BET","transaction_id":' .. id ..
    ',"round_id":' .. id .. ',"round_finished":true,"game_id":' .. player.game .. ',"currency_code":"' .. player.currency ..
    '","amount":0.01,"transaction_timestamp":"' .. timestamp .. '","context":{"reason":"SPIN"}}}'
  return wrk.format(nil, nil, nil, body)
end

function delay()
  return delay_ms
end

function response(status, headers, body)
  local code
  if status ~= 200 then
    code = "HTTP_" .. status
  elseif body:find('"status":"OK"', 1, true) then
    code = "OK"
  else
    code = body:match('"error_code":"(OP_%d+)"') or "UNKNOWN"
  end
  codes[code] = (codes[code] or 0) + 1
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("WRK_RESULT_FILE"), "w"))
  local totals = {}
  for _, thread in ipairs(threads) do
    local thread_codes = thread:get("codes")
    for code, count in pairs(thread_codes) do totals[code] = (totals[code] or 0) + count end
  end
  for code, count in pairs(totals) do out:write(code .. " " .. count .. "\n") end
  out:write("requests " .. summary.requests .. "\n")
  out:write("duration_us " .. summary.duration .. "\n")
  out:write("errors_connect " .. summary.errors.connect .. " errors_read " .. summary.errors.read .. " errors_write " .. summary.errors.write ..
    " errors_timeout " .. summary.errors.timeout .. " errors_status " .. summary.errors.status .. "\n")
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do out:write(string.format("latency_p%s_us %d\n", p, latency:percentile(p))) end
  out:write(string.format("latency_max_us %d\n", latency.max))
  out:close()
end
