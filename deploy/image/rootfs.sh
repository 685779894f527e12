#!/usr/bin/env bash
# Makes the root file system that the rcusim image adds to its `scratch` base: a jlink'ed Java
# runtime with just the modules the CLI needs, and the few shared libraries that runtime links
# against (copied from this machine), so that no base image has to be pulled.
#   rootfs.sh JAR OUT      (JAVA_HOME: the JDK whose jlink builds the runtime)
# The Maven profile `image` (scenarios/pom.xml) runs it before Jib builds the image.
set -euo pipefail
jar=${1:?usage: rootfs.sh JAR OUT}
out=${2:?usage: rootfs.sh JAR OUT}
jdk=${JAVA_HOME:?JAVA_HOME must name a JDK >= 21}
[ -x "$jdk/bin/jlink" ] || { echo "rootfs.sh: $jdk has no bin/jlink (a full JDK is needed)" >&2; exit 2; }
[ -f "$jar" ] || { echo "rootfs.sh: no jar at $jar (build it first)" >&2; exit 2; }
command -v ldd >/dev/null || { echo "rootfs.sh: ldd is needed to find the runtime's libraries" >&2; exit 2; }

rm -rf "$out"
mkdir -p "$out/opt" "$out/tmp"
chmod 1777 "$out/tmp"
# java.desktop is left out: only Jackson's optional java.beans support asks for it (Jackson
# checks for it and goes on without), and it would bring the X11 libraries in.
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 21 "$jar" |
    tr ',' '\n' | grep -vx java.desktop | paste -sd, -)
"$jdk/bin/jlink" --add-modules "$modules" --output "$out/opt/java" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6

# Every shared object the runtime's binaries and libraries need, at the path the loader
# looks for it (ldd prints "name => /path (addr)" or "/path (addr)" for the loader itself).
find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 |
    xargs -0 ldd 2>/dev/null | awk '/=> \//{print $3} /^\t\//{print $1}' | sort -u |
    while read -r lib; do
        case $lib in "$out"/*) continue ;; esac # the runtime's own, found through $ORIGIN
        mkdir -p "$out$(dirname "$lib")"
        cp -L "$lib" "$out$lib"
    done
echo "rootfs.sh: runtime with $modules in $out ($(du -sh "$out" | cut -f1))"
