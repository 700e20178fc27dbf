wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Operator-Id"] = "op1"
wrk.body = '{"command":"changebalance","request_timestamp":"2026-12-02 06:00:00","hash":"0123456789abcdef0123456789abcdef01234567","data":{"token":"abcdefghijabcdefghij","user_id":"u1","transaction_type":"BET","transaction_id":"123456789012","round_id":"r1","game_id":"200","currency":"EUR","amount":1.00,"context":{"reason":"GAME_PLAY"}}}'
