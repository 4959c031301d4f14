#!/usr/bin/env bash
# PostgreSQL and Redis for the test suite: start them if installed but stopped, fail clearly if absent.
# Where they are comes from the same variables the tests read: PG_TEST_URL (default
# postgres://postgres@127.0.0.1:5432/postgres) and TEST_REDIS_URL (default redis://127.0.0.1:6379). Only a
# server on this machine is started; a remote one must already answer.
set -uo pipefail
PG_URL=${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/postgres}
REDIS_URL_=${TEST_REDIS_URL:-redis://127.0.0.1:6379}

# host and port of scheme://[user[:password]@]host[:port][/…]
authority() { local rest=${1#*://}; rest=${rest##*@}; echo "${rest%%/*}"; }
url_host() { local a; a=$(authority "$1"); echo "${a%%:*}"; }
url_port() { local a; a=$(authority "$1"); if [[ $a == *:* ]]; then echo "${a##*:}"; else echo "$2"; fi; }
local_host() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 ]]; }

PG_HOST=$(url_host "$PG_URL")
PG_PORT=$(url_port "$PG_URL" 5432)
REDIS_HOST=$(url_host "$REDIS_URL_")
REDIS_PORT=$(url_port "$REDIS_URL_" 6379)

pg_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/"$REDIS_HOST"/"$REDIS_PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 5 <&3 | grep -q PONG) 2>/dev/null; }

if ! pg_up; then
  if local_host "$PG_HOST" && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not answering; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
  pg_up || { echo "ERROR: PostgreSQL is not installed or not answering on $PG_HOST:$PG_PORT (PG_TEST_URL; needed for DB=postgres tests)"; exit 1; }
fi

if ! redis_up; then
  if local_host "$REDIS_HOST" && command -v redis-server >/dev/null 2>&1; then
    echo "Redis is not answering; starting it"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
    for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  fi
  redis_up || { echo "ERROR: Redis is not installed or not answering on $REDIS_HOST:$REDIS_PORT (TEST_REDIS_URL; needed for queue tests)"; exit 1; }
fi
echo "PostgreSQL ($PG_HOST:$PG_PORT) and Redis ($REDIS_HOST:$REDIS_PORT) are answering"
