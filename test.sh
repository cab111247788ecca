#!/usr/bin/env bash
# Runs every Copex check: go vet and all tests. Needs only Go; installs anything else
# the tests need (none yet beyond Go's own module downloads).
set -euo pipefail
cd "$(dirname "$0")"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
go test -count=1 ./... "$@"
