#!/usr/bin/env bash
# Run every fuzz target of the module for a while each: ./scripts/fuzz.sh [DURATION]
# (default 5m; any `go test -fuzztime` value, e.g. 30s or 1000x). Targets are
# found with `go test -list`; they run one after another, so that each gets
# the whole machine. Exits non-zero when any target fails (its failing input
# is kept under the package's testdata/fuzz/ by go test) or cannot be listed.
set -u
cd "$(dirname "$0")/.."
GO=${GO:-go}
dur=${1:-5m}

list=$($GO test -list '^Fuzz' ./... 2>&1)
if [ $? -ne 0 ]; then
	echo "fuzz: cannot list the fuzz targets:" >&2
	echo "$list" >&2
	exit 1
fi

# `go test -list` prints a package's matching names, then "ok  <pkg> ...".
targets=()
names=()
while read -r first second _; do
	case "$first" in
	Fuzz*) names+=("$first") ;;
	ok)
		for n in "${names[@]+"${names[@]}"}"; do targets+=("$second $n"); done
		names=()
		;;
	*) names=() ;;
	esac
done <<<"$list"

if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz: no fuzz targets found" >&2
	exit 1
fi
echo "fuzz: ${#targets[@]} targets, $dur each"
failed=()
for t in "${targets[@]}"; do
	pkg=${t% *}
	name=${t#* }
	echo "== $pkg $name"
	if ! $GO test -run '^$' -fuzz "^${name}\$" -fuzztime "$dur" "$pkg"; then
		failed+=("$pkg $name")
	fi
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: ${#failed[@]} of ${#targets[@]} targets failed:" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "fuzz: all ${#targets[@]} targets passed"
