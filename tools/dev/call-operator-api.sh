#!/usr/bin/env bash
# Signs and sends one Operator API request the way a platform does:
#   call-operator-api.sh <command> '<data JSON>'
# Needs BASE_URL, OPERATOR_ID and SECRET_KEY (e.g. `source .local/demo.env` after npm start).
set -euo pipefail
command=$1 data=$2
ts=$(date -u '+%Y-%m-%d %H:%M:%S')
auth=$(printf '%s%s' "$command" "$SECRET_KEY" | sha1sum | cut -d' ' -f1)
hash=$(printf '%s%s%s' "$command" "$ts" "$SECRET_KEY" | sha1sum | cut -d' ' -f1)
curl -sS -X POST "$BASE_URL/$command" \
  -H 'Content-Type: application/json; charset=utf-8' \
  -H "X-Operator-Id: $OPERATOR_ID" \
  -H "X-Authorization: $auth" \
  --data-binary "{\"command\":\"$command\",\"request_timestamp\":\"$ts\",\"hash\":\"$hash\",\"data\":$data}"
echo
