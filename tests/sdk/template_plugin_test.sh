#!/usr/bin/env bash
# Proves a plugin builds outside the tree against an installed chartflow (cmake --install, then
# find_package(chartflow)), that the installed program lists it without loading it, and that it
# runs in a pipeline next to the installed plugins.
set -euo pipefail
source_dir=$1 build_dir=$2 generator=${3:-Ninja}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log"
cmake -S "$source_dir/plugins/template" -B "$work/build" -G "$generator" -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" \
  || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
if grep -q "warning:" "$work/build.log"; then echo "template plugin builds with warnings:"; cat "$work/build.log"; exit 1; fi

export CHARTFLOW_PLUGIN_PATH="$work/build/plugins"
chartflow="$work/prefix/bin/chartflow"
"$chartflow" plugins --name keyword-flagger | grep -q "keyword-flagger 1.0.0"

cat >"$work/pipeline.json" <<JSON
{"name": "template-check", "stages": [
  {"id": "read", "plugin": "text-reader"},
  {"id": "normalize", "plugin": "text-normalizer"},
  {"id": "flag", "plugin": "keyword-flagger", "config": {"keywords": ["fever", "sepsis"], "category": "watchlist"}}]}
JSON
mkdir -p "$work/in"
printf 'Patient with fever; sepsis ruled out. Feverish? no.\n' >"$work/in/note.txt"
"$chartflow" run --config "$work/pipeline.json" --input "$work/in" --output "$work/out" >"$work/run.log"
record=$(ls "$work"/out/records/*.json)
count=$(grep -o '"category":"watchlist"' "$record" | wc -l)
[ "$count" -eq 2 ] || { echo "expected 2 flagged mentions, found $count in $record"; cat "$record"; exit 1; }
"$chartflow" validate --record "$record" >/dev/null
echo "template plugin: built out of tree, listed, run, record valid"
