#!/usr/bin/env bash
# Runs a real Apache Kafka broker (KRaft, one node that is both broker and
# controller) for local development and integration tests.
#
# There is no Docker engine on our machines, so instead of a container we run
# the broker straight from the Maven artifacts resolved by kafka/pom.xml on the
# installed JDK. Everything written at run time lives under
# ${LOCAL_STACK_DIR:-<repo>/.local}/kafka, so deleting that folder resets it.
#
# Usage: kafka.sh start|stop|status|logs [-f]
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
# Bounded heap: the box has to fit the broker next to PostgreSQL, Redis, the
# services and the tests. -Xms is capped at -Xmx so KAFKA_HEAP_MAX=200m alone works.
KAFKA_HEAP_MAX="${KAFKA_HEAP_MAX:-512m}"
KAFKA_HEAP_MIN="${KAFKA_HEAP_MIN:-256m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
# The broker only ever listens on loopback: it is a dev box service.
KAFKA_HOST=127.0.0.1
NODE_ID=1

POM="${SCRIPT_DIR}/kafka/pom.xml"
LIBS_DIR="${SCRIPT_DIR}/kafka/target/libs"
# Written only after a complete copy; holds the pom's checksum so an edited pom
# (e.g. a version bump) triggers a fresh copy instead of mixing jar versions.
LIBS_MARKER="${LIBS_DIR}/.complete"

LOCAL_STACK_DIR="${LOCAL_STACK_DIR:-${REPO_ROOT}/.local}"
mkdir -p "${LOCAL_STACK_DIR}"
# Absolute, because the paths end up in files the JVM reads from another cwd.
LOCAL_STACK_DIR="$(cd "${LOCAL_STACK_DIR}" && pwd)"
KAFKA_HOME="${LOCAL_STACK_DIR}/kafka"
CONF_DIR="${KAFKA_HOME}/config"
DATA_DIR="${KAFKA_HOME}/data"
LOG_DIR="${KAFKA_HOME}/logs"
SERVER_PROPERTIES="${CONF_DIR}/server.properties"
LOG4J_PROPERTIES="${CONF_DIR}/log4j.properties"
CLUSTER_ID_FILE="${KAFKA_HOME}/cluster-id"
PID_FILE="${KAFKA_HOME}/kafka.pid"
LOCK_FILE="${KAFKA_HOME}/.lock"
SERVER_LOG="${LOG_DIR}/server.log"
# The JVM's own stdout/stderr: crashes, bad JVM flags, WARN+ console output.
CONSOLE_LOG="${LOG_DIR}/kafka.out"

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="${JAVA_HOME}/bin/java"
else
  JAVA=java
fi

log() { printf 'kafka: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") start|stop|status|logs [-f]
  start   fetch jars if needed, format storage once, start the broker and wait until it answers
  stop    stop the broker (SIGTERM, then SIGKILL after ${KAFKA_STOP_TIMEOUT}s)
  status  exit 0 if the broker is running and answering, 1 otherwise
  logs    print the end of the broker log (-f to follow it)
EOF
  exit 2
}

# JVM memory size (e.g. 512m, 1g, 262144k) in bytes.
jvm_size_bytes() {
  local v="${1,,}"
  [[ "${v}" =~ ^([0-9]+)([kmg]?)$ ]] || return 1
  case "${BASH_REMATCH[2]}" in
    k) echo $((BASH_REMATCH[1] << 10)) ;;
    m) echo $((BASH_REMATCH[1] << 20)) ;;
    g) echo $((BASH_REMATCH[1] << 30)) ;;
    *) echo "${BASH_REMATCH[1]}" ;;
  esac
}

validate_heap() {
  local max min
  max="$(jvm_size_bytes "${KAFKA_HEAP_MAX}")" || die "KAFKA_HEAP_MAX must look like 512m or 1g, got '${KAFKA_HEAP_MAX}'"
  min="$(jvm_size_bytes "${KAFKA_HEAP_MIN}")" || die "KAFKA_HEAP_MIN must look like 256m or 1g, got '${KAFKA_HEAP_MIN}'"
  ((max >= 128 << 20)) || die "KAFKA_HEAP_MAX=${KAFKA_HEAP_MAX} is too small for a broker (use at least 128m)"
  ((min <= max)) || KAFKA_HEAP_MIN="${KAFKA_HEAP_MAX}"
}

validate_port() {
  if ! [[ "$2" =~ ^[0-9]+$ ]] || (($2 < 1 || $2 > 65535)); then
    die "$1 must be a TCP port number, got '$2'"
  fi
}

# Serialises start/stop so two callers (e.g. parallel test jobs) cannot launch
# two brokers on the same data dir.
take_lock() {
  mkdir -p "${KAFKA_HOME}"
  exec 9>"${LOCK_FILE}"
  flock -w 180 9 || die "another kafka.sh is still busy (lock ${LOCK_FILE})"
}

# --- processes -------------------------------------------------------------

# True if PID is alive and is *our* broker (same server.properties). Guards
# against a stale pid file whose number was reused by an unrelated process.
is_our_broker() {
  local pid="$1" args
  [[ "${pid}" =~ ^[0-9]+$ ]] || return 1
  args="$(ps -ww -o args= -p "${pid}" 2>/dev/null)" || return 1
  [[ "${args}" == *" kafka.Kafka ${SERVER_PROPERTIES}"* ]]
}

# Brokers of ours, whatever the pid file says. Matched on the exact
# server.properties path, so other Kafka processes on the machine are ignored.
our_broker_pids() {
  local pid
  for pid in $(pgrep -f 'kafka\.Kafka' || true); do
    if is_our_broker "${pid}"; then printf '%s\n' "${pid}"; fi
  done
}

# Prints the broker's pid. A pid file whose process is gone (or is something
# else now) is dropped; a broker of ours running without a pid file (deleted
# by hand, or a start killed right after the launch) is adopted, since it
# holds the ports and the data dir lock and a second one could not start.
broker_pid() {
  local pid=''
  [[ -f "${PID_FILE}" ]] && pid="$(<"${PID_FILE}")"
  if [[ -n "${pid}" ]] && is_our_broker "${pid}"; then
    printf '%s\n' "${pid}"
    return 0
  fi
  rm -f "${PID_FILE}"
  pid="$(our_broker_pids | head -n 1)"
  [[ -n "${pid}" ]] || return 1
  printf '%s\n' "${pid}" >"${PID_FILE}"
  printf '%s\n' "${pid}"
}

# --- readiness -------------------------------------------------------------

port_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# Sends a Kafka Metadata request (API key 3, version 2, no topics) over bash's
# /dev/tcp and prints "<cluster-id> <node-id>@<host>:<port>..." from the answer.
# A KRaft broker only serves requests once its startup has finished, and only
# lists itself once it is registered and unfenced, so an answer that names our
# node means producers and consumers can use it. Plain bash keeps `status` and
# the idempotent `start` fast: no JVM is launched to ask.
metadata_probe() {
  local port="$1" client=local-stack
  exec 3<>"/dev/tcp/${KAFKA_HOST}/${port}" || return 1
  # Wire format: int32 size (excluding itself), then header v1 = api key 3,
  # api version 2, correlation id 0x1234, client id (int16 length + bytes),
  # then the body = topics array of length 0 (ask for brokers only).
  local -i size=$((2 + 2 + 4 + 2 + ${#client} + 4))
  printf '%b%s%b' \
    "\\x00\\x00\\x00\\x$(printf %02x "${size}")\\x00\\x03\\x00\\x02\\x00\\x00\\x12\\x34\\x00\\x$(printf %02x "${#client}")" \
    "${client}" '\x00\x00\x00\x00' >&3
  local -a b
  read -r -a b < <(head -c 4 <&3 | od -An -v -tu1)
  ((${#b[@]} == 4)) || return 1
  local -i len=$(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]))
  ((len > 0 && len < 1048576)) || return 1
  read -r -a b < <(head -c "${len}" <&3 | od -An -v -tu1 -w"${len}")
  exec 3<&-
  ((${#b[@]} == len)) || return 1
  local -i p=0 n i
  i32() { REPLY=$(((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3])); p+=4; ((REPLY < 2147483648)) || REPLY=$((REPLY - 4294967296)); }
  i16() { REPLY=$(((b[p] << 8) | b[p + 1])); p+=2; ((REPLY < 32768)) || REPLY=$((REPLY - 65536)); }
  str() {
    local -i l j; i16; l=REPLY; REPLY=''
    ((l >= 0)) || return 0
    local ch
    for ((j = 0; j < l; j++)); do printf -v ch '%b' "\\x$(printf %02x "${b[p + j]}")"; REPLY+="${ch}"; done
    p+=l
  }
  i32; ((REPLY == 0x1234)) || return 1 # correlation id echoes ours
  local out='' node host
  i32; n=REPLY
  for ((i = 0; i < n; i++)); do
    i32; node="${REPLY}"; str; host="${REPLY}"; i32
    out+=" ${node}@${host}:${REPLY}"
    str # rack
  done
  str # cluster id
  printf '%s%s\n' "${REPLY:-?}" "${out}"
}

# Ready = port accepts connections and our broker (right cluster id, our node
# id and port) answers the metadata request.
broker_ready() {
  local answer expected_cluster
  port_open "${KAFKA_HOST}" "${KAFKA_PORT}" || return 1
  answer="$(timeout 2 bash -c "$(declare -f metadata_probe); KAFKA_HOST=${KAFKA_HOST}; metadata_probe \"\$1\"" _ "${KAFKA_PORT}" 2>/dev/null)" || return 1
  expected_cluster="$(cat "${CLUSTER_ID_FILE}" 2>/dev/null || true)"
  [[ -z "${expected_cluster}" || "${answer%% *}" == "${expected_cluster}" ]] || return 1
  [[ " ${answer#* } " == *" ${NODE_ID}@${KAFKA_HOST}:${KAFKA_PORT} "* ]]
}

# Byte offset of server.log when this start launched the JVM, so that a failed
# start shows its own lines and not the previous run's shutdown.
SERVER_LOG_OFFSET=0

print_log_tail() {
  local size offset="${SERVER_LOG_OFFSET}"
  if [[ -s "${SERVER_LOG}" ]]; then
    size="$(stat -c %s "${SERVER_LOG}")"
    ((size >= offset)) || offset=0 # rotated meanwhile
    if ((size > offset)); then
      log "last 40 lines of ${SERVER_LOG} (this start):"
      tail -c +"$((offset + 1))" "${SERVER_LOG}" | tail -n 40 >&2
    fi
  fi
  if [[ -s "${CONSOLE_LOG}" ]]; then
    log "last 40 lines of ${CONSOLE_LOG}:"
    tail -n 40 "${CONSOLE_LOG}" >&2
  fi
}

# --- setup -----------------------------------------------------------------

pom_checksum() { sha256sum "${POM}" | cut -d' ' -f1; }

ensure_jars() {
  if [[ -f "${LIBS_MARKER}" && "$(<"${LIBS_MARKER}")" == "$(pom_checksum)" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "Kafka jars are missing and mvn is not installed (apt-get install maven)"
  log "fetching Kafka jars with Maven into ${LIBS_DIR} (first run only)"
  # Start from an empty dir: copy-dependencies never deletes jars left by an
  # older pom, and two versions of a jar on one classpath break the broker.
  rm -rf "${LIBS_DIR}"
  # Output goes to a file and is shown only on failure: with -q there is
  # nothing useful on success, and Debian's Maven 3.8 still prints stray
  # ANSI reset codes under -B.
  mkdir -p "${LOG_DIR}"
  if ! mvn -B -q -ntp -Dstyle.color=never -f "${POM}" dependency:copy-dependencies >"${LOG_DIR}/mvn.log" 2>&1; then
    tail -n 40 "${LOG_DIR}/mvn.log" >&2
    die "mvn could not resolve the Kafka jars (full output: ${LOG_DIR}/mvn.log)"
  fi
  compgen -G "${LIBS_DIR}/kafka_2.13-*.jar" >/dev/null || die "mvn finished but ${LIBS_DIR} has no kafka_2.13 jar"
  pom_checksum >"${LIBS_MARKER}"
}

write_config() {
  mkdir -p "${CONF_DIR}" "${DATA_DIR}" "${LOG_DIR}"
  # Regenerated on every start so that port/env changes apply; the identity
  # of the node (cluster id, node id, data dir) never changes.
  cat >"${SERVER_PROPERTIES}.tmp" <<EOF
# Generated by tools/local-stack/kafka.sh on every start; edit the script, not this file.
# Single-node KRaft: this JVM is both the broker and the (only) controller.
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=${NODE_ID}@${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT

log.dirs=${DATA_DIR}

# The services create their topics explicitly; a typo must fail, not create a topic.
auto.create.topics.enable=false
delete.topic.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1

# One broker, so every internal topic has a single replica. Fewer partitions
# than the default 50 make the first consumer group / transaction start faster.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests create and join groups constantly; don't wait 3 s for more members.
group.initial.rebalance.delay.ms=0

# Small, short-lived logs: this is a dev box, not an archive.
log.segment.bytes=16777216
log.retention.hours=24
log.retention.bytes=268435456
log.retention.check.interval.ms=300000
# The cleaner's default 128 MiB dedupe buffer is a big bite of a 512 MiB heap.
log.cleaner.dedupe.buffer.size=33554432

# Two cores: keep the thread pools small.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
EOF
  mv -f "${SERVER_PROPERTIES}.tmp" "${SERVER_PROPERTIES}"

  cat >"${LOG4J_PROPERTIES}.tmp" <<'EOF'
# Generated by tools/local-stack/kafka.sh. Kafka 3.9 logs through log4j 1 (reload4j).
# Everything at INFO goes to server.log; the console (kafka.out) only gets warnings.
log4j.rootLogger=INFO, file, console

log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${kafka.logs.dir}/server.log
log4j.appender.file.MaxFileSize=10MB
log4j.appender.file.MaxBackupIndex=3
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n

log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.Threshold=WARN
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=[%d] %p %m (%c)%n

# Chatty on every topic/partition/metadata change; their INFO lines drown the useful ones.
log4j.logger.kafka.controller=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.raft=WARN
log4j.logger.org.apache.kafka.controller=WARN
log4j.logger.org.apache.kafka.image=WARN
log4j.logger.org.apache.kafka.metadata=WARN
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.authorizer.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
EOF
  mv -f "${LOG4J_PROPERTIES}.tmp" "${LOG4J_PROPERTIES}"
}

# Formats the data dir once. meta.properties is what StorageTool writes; if it
# exists the dir already belongs to our cluster and formatting again would fail.
ensure_formatted() {
  [[ -f "${DATA_DIR}/meta.properties" ]] && return 0
  if [[ ! -s "${CLUSTER_ID_FILE}" ]]; then
    "${JAVA}" -cp "${LIBS_DIR}/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"${CLUSTER_ID_FILE}.tmp"
    [[ -s "${CLUSTER_ID_FILE}.tmp" ]] || die "StorageTool random-uuid printed no cluster id"
    mv -f "${CLUSTER_ID_FILE}.tmp" "${CLUSTER_ID_FILE}"
  fi
  log "formatting ${DATA_DIR} for cluster $(<"${CLUSTER_ID_FILE}") (first start only)"
  "${JAVA}" -Dlog4j.configuration="file:${LOG4J_PROPERTIES}" -Dkafka.logs.dir="${LOG_DIR}" \
    -cp "${LIBS_DIR}/*" kafka.tools.StorageTool format \
    -t "$(<"${CLUSTER_ID_FILE}")" -c "${SERVER_PROPERTIES}" >&2 ||
    die "formatting the Kafka storage failed"
}

# --- commands --------------------------------------------------------------

# Launches the JVM in the background and prints its pid.
launch_broker() {
  : >"${CONSOLE_LOG}"
  rm -f "${PID_FILE}"
  log "starting broker on ${KAFKA_HOST}:${KAFKA_PORT} (controller ${KAFKA_CONTROLLER_PORT}, heap ${KAFKA_HEAP_MIN}..${KAFKA_HEAP_MAX})"
  # setsid: own session, so the broker survives the terminal or CI step that
  # started it and is not hit by its Ctrl-C / process-group kill. The inner
  # bash writes its own pid and then execs java, so the pid file holds the
  # JVM's pid whether or not setsid had to fork. 9>&- keeps the start/stop
  # lock out of the JVM, or it would hold the lock for its whole life.
  (
    cd "${KAFKA_HOME}"
    # shellcheck disable=SC2016 # expanded by the inner bash
    nohup setsid bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' _ "${PID_FILE}" \
      "${JAVA}" \
      -Xms"${KAFKA_HEAP_MIN}" -Xmx"${KAFKA_HEAP_MAX}" \
      -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
      -XX:ErrorFile="${LOG_DIR}/hs_err_pid%p.log" \
      -Djava.awt.headless=true \
      -Dkafka.logs.dir="${LOG_DIR}" \
      -Dlog4j.configuration="file:${LOG4J_PROPERTIES}" \
      -cp "${LIBS_DIR}/*" \
      kafka.Kafka "${SERVER_PROPERTIES}" \
      >>"${CONSOLE_LOG}" 2>&1 </dev/null 9>&- &
  )
  local i
  for ((i = 0; i < 50; i++)); do
    if [[ -s "${PID_FILE}" ]]; then
      cat "${PID_FILE}"
      return 0
    fi
    sleep 0.1
  done
  die "the broker process did not start (no pid written; see ${CONSOLE_LOG})"
}

cmd_start() {
  validate_port KAFKA_PORT "${KAFKA_PORT}"
  validate_port KAFKA_CONTROLLER_PORT "${KAFKA_CONTROLLER_PORT}"
  [[ "${KAFKA_PORT}" != "${KAFKA_CONTROLLER_PORT}" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
  validate_heap
  take_lock

  local pid port
  if pid="$(broker_pid)"; then
    if broker_ready; then
      log "already running (pid ${pid}) on ${KAFKA_HOST}:${KAFKA_PORT}"
      return 0
    fi
    log "pid ${pid} is up but not answering on ${KAFKA_HOST}:${KAFKA_PORT} yet; waiting for it"
  else
    # Nothing of ours runs, so anything on our ports belongs to someone else.
    for port in "${KAFKA_PORT}" "${KAFKA_CONTROLLER_PORT}"; do
      if port_open "${KAFKA_HOST}" "${port}"; then
        die "port ${KAFKA_HOST}:${port} is already taken by another process (see: ss -ltnp 'sport = :${port}'); set KAFKA_PORT / KAFKA_CONTROLLER_PORT to free ports"
      fi
    done
    command -v "${JAVA}" >/dev/null || die "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless) or set JAVA_HOME"
    ensure_jars
    write_config
    ensure_formatted
    [[ -f "${SERVER_LOG}" ]] && SERVER_LOG_OFFSET="$(stat -c %s "${SERVER_LOG}")"
    pid="$(launch_broker)"
  fi

  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  until broker_ready; do
    if ! kill -0 "${pid}" 2>/dev/null; then
      rm -f "${PID_FILE}"
      print_log_tail
      die "the broker exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      print_log_tail
      # Don't leave a half-started JVM holding the ports and the data dir.
      stop_pids "${pid}"
      rm -f "${PID_FILE}"
      die "not ready after ${KAFKA_START_TIMEOUT}s, so stopped it again (raise KAFKA_START_TIMEOUT on a slow machine)"
    fi
    sleep 1
  done
  log "ready (pid ${pid}) on ${KAFKA_HOST}:${KAFKA_PORT}"
}

# SIGTERM lets the broker close its logs cleanly (no log recovery on the next
# start); SIGKILL only for a broker that hangs in shutdown.
stop_pids() {
  local pid deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  local -a alive
  kill -TERM "$@" 2>/dev/null || true
  while :; do
    alive=()
    for pid in "$@"; do
      if kill -0 "${pid}" 2>/dev/null; then alive+=("${pid}"); fi
    done
    ((${#alive[@]} > 0)) || return 0
    if ((SECONDS >= deadline)); then
      log "pid(s) ${alive[*]} still up after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      deadline=$((SECONDS + 10))
    fi
    sleep 0.5
  done
}

cmd_stop() {
  take_lock
  local -a pids=()
  local pid
  if pid="$(broker_pid)"; then pids+=("${pid}"); fi
  for pid in $(our_broker_pids); do
    [[ " ${pids[*]} " == *" ${pid} "* ]] || pids+=("${pid}")
  done
  if ((${#pids[@]} == 0)); then
    rm -f "${PID_FILE}"
    log "not running"
    return 0
  fi
  log "stopping broker (pid ${pids[*]})"
  stop_pids "${pids[@]}"
  rm -f "${PID_FILE}"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(broker_pid)" && broker_ready; then
    printf 'running (pid %s) on %s:%s\n' "${pid}" "${KAFKA_HOST}" "${KAFKA_PORT}"
    return 0
  fi
  if [[ -n "${pid:-}" ]]; then
    printf 'not running (pid %s is up but not answering on %s:%s yet)\n' "${pid}" "${KAFKA_HOST}" "${KAFKA_PORT}"
  else
    printf 'not running\n'
  fi
  return 1
}

cmd_logs() {
  [[ -f "${SERVER_LOG}" ]] || die "no log yet at ${SERVER_LOG}"
  if [[ "${1:-}" == "-f" ]]; then
    exec tail -n 100 -F "${SERVER_LOG}"
  fi
  tail -n 200 "${SERVER_LOG}"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  *) usage ;;
esac
