# Sourced by scripts/test.sh and bench scripts: a throwaway PostgreSQL server in a temp folder,
# run as a non-root user (initdb refuses root) on a free loopback port. Sets PGROOT, PGPORT, PG_URL.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  PGROOT=$(mktemp -d /tmp/fawkes-pg.XXXXXX)
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  mkdir -p "$PGROOT/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$PGROOT"
  as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log" 2>&1 \
    || { cat "$PGROOT/initdb.log"; return 1; }
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
    -o "-p $PGPORT -k $PGROOT/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=500 ${PG_EXTRA_OPTS:-}" start >/dev/null \
    || { cat "$PGROOT/server.log"; return 1; }
  psql -q "host=$PGROOT/sock port=$PGPORT user=postgres dbname=postgres" \
    -c "CREATE ROLE fawkes LOGIN CREATEDB PASSWORD 'fawkes'" -c "CREATE DATABASE fawkes OWNER fawkes" >/dev/null
  PG_URL="Host=127.0.0.1;Port=$PGPORT;Database=fawkes;Username=fawkes;Password=fawkes"
}

# A fresh database on the running server; prints its connection string.
new_database() {
  psql -q "host=$PGROOT/sock port=$PGPORT user=postgres dbname=postgres" -c "CREATE DATABASE $1 OWNER fawkes" >/dev/null
  echo "Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=fawkes;Password=fawkes"
}

stop_postgres() {
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$PGROOT"
}
