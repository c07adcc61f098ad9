#!/bin/sh
# Writes the agent panel's security headers from the container's environment (issue 14 §7),
# for nginx.conf to include at server level:
#   X-Content-Type-Options: nosniff
#   Content-Security-Policy: the policy of libs/dev-stack/src/lib/panel-csp.ts, with
#     frame-ancestors and script-src naming PANEL_FRAME_ANCESTORS (the Salesforce origins that
#     frame the softphone and serve it Open CTI's script) and connect-src naming GATEWAY_URL,
#     each of GATEWAY_URLS (the gateways panel-config.sh lists), and their ws: / wss: twins.
# Every origin is checked, so no value can close a directive and open its own; a bad one stops
# the container with the variable's name.
set -eu
set -f # origins hold '*': no file name expansion

out="${PUENTE_HEADERS_FILE:-/etc/nginx/puente/security-headers.conf}"
origin_re='^https?://(\*\.)?[A-Za-z0-9.-]+(:([0-9]{1,5}|\*))?$'

# check_origin VARIABLE VALUE: the value with no trailing slash, or the container stops.
check_origin() {
  value=$(printf '%s' "$2" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e 's#/*$##')
  if ! printf '%s' "$value" | grep -Eq "$origin_re"; then
    echo "panel-headers: $1 must hold origins such as https://acme.lightning.force.com (got \"$2\")" >&2
    exit 1
  fi
}

frame_ancestors=''
ifs=$IFS
IFS=','
for item in ${PANEL_FRAME_ANCESTORS:-}; do
  IFS=$ifs
  [ -n "$(printf '%s' "$item" | tr -d '[:space:]')" ] || continue
  check_origin PANEL_FRAME_ANCESTORS "$item"
  frame_ancestors="$frame_ancestors $value"
done
IFS=$ifs
if [ -z "$frame_ancestors" ]; then
  echo "panel-headers: PANEL_FRAME_ANCESTORS is not set: only the panel's own origin may frame it;" \
    "set it to your org's Lightning and My Domain origins" >&2
fi

# add_gateway VARIABLE URL: its origin (and ws: twin) on connect-src, once.
gateways=''
sockets=''
add_gateway() {
  check_origin "$1" "$(printf '%s' "$2" | sed -e 's#^\(https\{0,1\}://[^/]*\).*#\1#')"
  case " $gateways " in
    *" $value "*) ;;
    *)
      gateways="$gateways $value"
      sockets="$sockets $(printf '%s' "$value" | sed -e 's#^http#ws#')"
      ;;
  esac
}
add_gateway GATEWAY_URL "${GATEWAY_URL:-}"
IFS=','
for item in ${GATEWAY_URLS:-}; do
  IFS=$ifs
  item=$(printf '%s' "$item" | tr -d '[:space:]')
  [ -n "$item" ] || continue
  add_gateway GATEWAY_URLS "$item"
done
IFS=$ifs

csp="default-src 'self'; script-src 'self'$frame_ancestors; style-src 'self' 'unsafe-inline'"
csp="$csp; img-src 'self' data:; font-src 'self'; connect-src 'self'$gateways$sockets"
csp="$csp; frame-ancestors 'self'$frame_ancestors; base-uri 'self'; form-action 'self'; object-src 'none'"

mkdir -p "$(dirname "$out")"
cat > "$out" <<CONF
# Written by $(basename "$0") when the container starts, from its environment: do not edit.
add_header X-Content-Type-Options "nosniff" always;
add_header Content-Security-Policy "$csp" always;
CONF
