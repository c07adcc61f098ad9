#!/bin/sh
# Writes the panel's runtime settings from the container's environment.
set -eu
printf '{"gatewayUrl":"%s"}\n' "${GATEWAY_URL}" > /usr/share/nginx/html/config.json
