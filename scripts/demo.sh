#!/usr/bin/env bash
# Runs the release bundle and the emulator's demo tenant on two origins, prints both URLs once
# both answer, and stops both on Ctrl-C. Expects `make build` to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_PORT=${APP_PORT:-8080}
EMULATOR_PORT=${EMULATOR_PORT:-8081}
APP="http://127.0.0.1:$APP_PORT"
EMU="http://127.0.0.1:$EMULATOR_PORT"

pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

target/debug/entra-emulator --port "$EMULATOR_PORT" --app-url "$APP" --tenant demo &
pids+=($!)
node scripts/serve.mjs --dir dist --port "$APP_PORT" --emulator "$EMU" &
pids+=($!)

for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$APP/" && curl -fsS -o /dev/null "$EMU/"; then
    # The demo tenant's last 90 days of PIM activity, which Reports shows.
    curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"days": 90}' "$EMU/_emulator/history"
    echo
    echo "App: $APP/"
    echo "Emulator: $EMU/"
    echo
    echo "Demo accounts (pick one on the emulator's sign-in page):"
    echo "  Megan Bowen      MeganB@contoso.onmicrosoft.com   Privileged Role Administrator, the admin"
    echo "  Alex Wilber      AlexW@contoso.onmicrosoft.com    admin who needs temporary access"
    echo "  Lidia Holloway   LidiaH@contoso.onmicrosoft.com   helpdesk engineer, eligible for Helpdesk Admin-Group"
    echo "  Diego Siciliani  DiegoS@contoso.onmicrosoft.com   approver, Alex's manager"
    echo "  Adele Vance      AdeleV@contoso.onmicrosoft.com   second approver"
    echo "  Ext-Consultant   ext-consultant@fabrikam.com      external consultant (guest)"
    echo "Emulator controls: $EMU/_emulator/outbox (emails). Ctrl-C stops both."
    wait -n "${pids[@]}"
    exit $?
  fi
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "demo: a server failed to start" >&2; exit 1; }; done
  sleep 0.1
done
echo "demo: the servers did not answer within 10 s" >&2
exit 1
