#!/bin/sh
# Writes the panel's runtime settings from the container's environment.
# GATEWAY_URL is the gateway the panel uses; GATEWAY_URLS (optional,
# comma-separated) names further gateways `?gateway=` may pick. The panel
# talks to no other host (issue 14 §2), so a value that is not a plain
# http(s) URL stops the container rather than being written.
set -eu
out="${PANEL_CONFIG_FILE:-/usr/share/nginx/html/config.json}"

json_url() {
  case "$1" in
    http://?* | https://?*) ;;
    *)
      echo "panel-config: not an http(s) URL: $1" >&2
      exit 1
      ;;
  esac
  case "$1" in
    *'"'* | *'\'* | *' '* | *'	'*)
      echo "panel-config: a gateway URL may not contain quotes, backslashes or spaces: $1" >&2
      exit 1
      ;;
  esac
  url="$1"
  while [ "${url%/}" != "$url" ]; do url="${url%/}"; done
  printf '"%s"' "$url"
}

default=$(json_url "${GATEWAY_URL:?set GATEWAY_URL}")
list="$default"
old_ifs=$IFS
IFS=','
for url in ${GATEWAY_URLS:-}; do
  url=$(printf '%s' "$url" | tr -d ' ')
  [ -n "$url" ] || continue
  quoted=$(json_url "$url")
  case ",$list," in
    *",$quoted,"*) ;;
    *) list="$list,$quoted" ;;
  esac
done
IFS=$old_ifs
printf '{"gatewayUrl":%s,"gatewayUrls":[%s]}\n' "$default" "$list" > "$out"
