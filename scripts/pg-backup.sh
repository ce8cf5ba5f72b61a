#!/usr/bin/env bash
# PostgreSQL backup of the host's database: one pg_dump archive (custom format, compressed), checked
# readable before it is kept, then archives older than the retention removed. Online: the host keeps
# serving (pg_dump reads one consistent snapshot and blocks no writer).
#
#   DATABASE_URL=postgres://union@/union?host=/var/run/postgresql scripts/pg-backup.sh [backup dir]
#
# backup dir: the argument, else UNION_PG_BACKUP_DIR, else /var/backups/union.
# UNION_PG_BACKUP_KEEP_DAYS (default 14): archives older than this many days are deleted after a
# successful backup (never when it failed). Run it from a systemd timer or cron (docs/deploy.md).
# Restore with scripts/pg-restore.sh. The personal data inside is encrypted; UNION_DATA_KEY is not in
# the archive: keep it apart, or the restored data cannot be read.
set -euo pipefail

url="${DATABASE_URL:-}"
if [[ -z "$url" ]]; then
  echo "pg-backup: 未设置 DATABASE_URL（要备份的 PostgreSQL 数据库）" >&2
  exit 2
fi
dir="${1:-${UNION_PG_BACKUP_DIR:-/var/backups/union}}"
keep_days="${UNION_PG_BACKUP_KEEP_DAYS:-14}"
if ! [[ "$keep_days" =~ ^[0-9]+$ ]] || (( keep_days < 1 )); then
  echo "pg-backup: UNION_PG_BACKUP_KEEP_DAYS 应为正整数：$keep_days" >&2
  exit 2
fi

umask 077
mkdir -p "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
final="$dir/union-$stamp.dump"
partial="$dir/.union-$stamp.dump.partial"
trap 'rm -f "$partial"' EXIT

started=$(date +%s)
# No owners or grants in the archive: it restores into a database of any role.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" --dbname="$url"
# The archive's table of contents must read back whole, and hold the migration table: a truncated or
# empty dump is not kept as a backup.
toc="$(pg_restore --list "$partial")"
if ! grep -q 'TABLE DATA public kysely_migration' <<<"$toc"; then
  echo "pg-backup: 备份文件中没有 kysely_migration 表：这不是本系统的数据库，或备份不完整" >&2
  exit 1
fi
mv "$partial" "$final"
sync "$final" 2>/dev/null || true
tables=$(grep -c 'TABLE DATA ' <<<"$toc" || true)
bytes=$(stat -c %s "$final")
echo "备份完成：$final（$((bytes / 1024)) KB，$tables 张表，$(( $(date +%s) - started )) s）"

# Retention: only after a good backup, only our own archives.
find "$dir" -maxdepth 1 -type f -name 'union-*.dump' -mtime +"$keep_days" -print -delete | sed 's/^/已删除过期备份：/'
