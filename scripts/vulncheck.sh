#!/usr/bin/env bash
# govulncheck with an offline database: the Go vulnerability database's OSV
# files come with the golang.org/x/vulndb module (from the module proxy);
# its indexdb command turns them into the layout govulncheck reads.
set -euo pipefail
govulncheck=$1 vulndb=$2
dir=$(go mod download -json "$vulndb" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
[ -d "$dir/data/osv" ] || { echo "vulncheck: $vulndb has no data/osv" >&2; exit 1; }
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
(cd "$(mktemp -d)" && go mod init vulndb-index >/dev/null 2>&1 && go run "${vulndb%@*}/cmd/indexdb@${vulndb#*@}" -vulns "$dir/data/osv" -out "$db/db")
go run "$govulncheck" -db "file://$db/db" ./...
