#!/usr/bin/env bash
# Restores a scripts/pg-backup.sh archive into an EMPTY PostgreSQL database, in one transaction
# (all or nothing), then prints every table's row count.
#
#   scripts/pg-restore.sh <backup.dump> <target database URL>
#
# The target must exist and hold no tables (create it first: `createdb union_restored`, or
# CREATE DATABASE); a database with tables is refused, so a live database is never overwritten by
# mistake. Then point the host's DATABASE_URL at it and start it: it runs any newer migrations and
# GET /readyz answers 200. The host needs the same UNION_DATA_KEY as when the backup was made.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "用法：scripts/pg-restore.sh <备份文件> <目标数据库 URL（须为空库）>" >&2
  exit 2
fi
file="$1"
url="$2"
if [[ ! -r "$file" ]]; then
  echo "pg-restore: 读不到备份文件：$file" >&2
  exit 2
fi
pg_restore --list "$file" >/dev/null

existing="$(psql --no-psqlrc -X -At -v ON_ERROR_STOP=1 --dbname="$url" -c "select count(*) from information_schema.tables where table_schema = 'public'")"
if [[ "$existing" != "0" ]]; then
  echo "pg-restore: 目标数据库已有 $existing 张表，拒绝覆盖；请恢复到一个新建的空库" >&2
  exit 3
fi

started=$(date +%s)
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$file"
echo "恢复完成：$file → 目标数据库（$(( $(date +%s) - started )) s）。各表行数："
# Exact counts, one line per table: "<table> <rows>".
psql --no-psqlrc -X -At -F ' ' -v ON_ERROR_STOP=1 --dbname="$url" -c "
  select table_name,
         (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from public.%I', table_name), false, true, '')))[1]::text::bigint
  from information_schema.tables
  where table_schema = 'public' and table_type = 'BASE TABLE'
  order by table_name"
