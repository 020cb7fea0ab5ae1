#!/usr/bin/env bash
# Writes <count> lines of <size> random letters each on stdout: values that nothing compresses (each
# letter carries ~5.7 bits) and that are all distinct, for bench.sh --value-size.
#   scripts/bench/random-lines.sh <count> <size>
set -euo pipefail
count=$1 size=$2
letters=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ
# tr maps each of the 256 byte values to a letter: the 52 letters repeated to 256 characters (the
# first 48 come up 5 times in 256, the other 4 times: a slight skew, still incompressible).
map=""
while ((${#map} < 256)); do map+=$letters; done
map=${map:0:256}
head -c $((count * size)) /dev/urandom | LC_ALL=C tr '\000-\377' "$map" | fold -w "$size"
# fold ends the last line without a newline when the input has none; the clients read it either way,
# but run.sh counts values by lines.
echo
