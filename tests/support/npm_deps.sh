# Sourced by the browser tests and benchmarks: installs a test's npm packages (puppeteer-core)
# exactly as its package-lock.json pins them, into a folder of the build tree, only when they are
# missing or the lock file changed.
#
#   npm_deps PACKAGE_DIR TARGET_DIR LOG_FILE     (returns 1, after printing npm's log, on failure)
npm_deps() {
  local package_dir=$1 target=$2 log=$3
  mkdir -p "$target"
  if cmp -s "$package_dir/package-lock.json" "$target/package-lock.json" && [ -d "$target/node_modules/puppeteer-core" ]; then
    return 0
  fi
  cp "$package_dir/package.json" "$package_dir/package-lock.json" "$target/"
  # --ignore-scripts: nothing in it needs an install script, and no browser is downloaded.
  if ! (cd "$target" && npm ci --no-audit --no-fund --ignore-scripts) >"$log" 2>&1; then
    rm -f "$target/package-lock.json"  # so the next run tries again
    cat "$log"
    return 1
  fi
}
