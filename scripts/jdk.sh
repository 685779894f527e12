# shellcheck shell=bash
# Sourced by rcusim's scripts: finds a JDK >= 21 and exports JAVA_HOME and PATH.
#
# Order: $JAVA_HOME if it is new enough; else the newest suitable JDK in the usual install
# places (/usr/lib/jvm/* first); else the `java` on PATH. A JDK needs bin/java and bin/javac.
# On JDK >= 24 it also quiets Maven's own Guava (sun.misc.Unsafe warnings) through MAVEN_OPTS.
# If nothing fits it says what it found and exits 2.

RCUSIM_MIN_JDK=21

# Prints the major version of the JDK at $1, or fails.
rcusim_jdk_major() {
    local home=$1 v=""
    [ -x "$home/bin/java" ] || return 1
    if [ -f "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    case $v in 1.*) v=${v#1.} ;; esac
    v=${v%%[.+-]*}
    case $v in '' | *[!0-9]*) return 1 ;; esac
    echo "$v"
}

rcusim_find_jdk() {
    local found="" best="" best_major=0 home major candidate java_bin

    # Records $1 in the "found" list; succeeds if it is a suitable JDK.
    _rcusim_check() {
        major=$(rcusim_jdk_major "$1") || return 1
        local entry
        entry="$1 (Java $major$([ -x "$1/bin/javac" ] || echo ', no javac'))"
        case ",$found," in *", $entry,"*) ;; *) found="${found:+$found,} $entry" ;; esac
        [ "$major" -ge "$RCUSIM_MIN_JDK" ] && [ -x "$1/bin/javac" ]
    }

    if [ -n "${JAVA_HOME:-}" ] && _rcusim_check "${JAVA_HOME%/}"; then
        best=${JAVA_HOME%/}
    else
        local seen=" " places
        # RCUSIM_JDK_SEARCH (globs) replaces the usual places; the scripts' tests use it.
        places=${RCUSIM_JDK_SEARCH:-/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
/Library/Java/JavaVirtualMachines/*/Contents/Home ${HOME:-/nonexistent}/.sdkman/candidates/java/* \
${HOME:-/nonexistent}/.jdks/*}
        # shellcheck disable=SC2086 # the globs are meant to expand
        for candidate in $places; do
            [ -d "$candidate" ] || continue
            candidate=$(readlink -f "$candidate" 2>/dev/null || echo "$candidate")
            case $seen in *" $candidate "*) continue ;; esac # aliases of one JDK
            seen="$seen$candidate "
            if _rcusim_check "$candidate" && [ "$major" -gt "$best_major" ]; then
                best=$candidate
                best_major=$major
            fi
        done
        if [ -z "$best" ] && java_bin=$(command -v java 2>/dev/null); then
            java_bin=$(readlink -f "$java_bin" 2>/dev/null || echo "$java_bin")
            home=$(dirname "$(dirname "$java_bin")")
            if _rcusim_check "$home"; then
                best=$home
            fi
        fi
    fi
    unset -f _rcusim_check

    if [ -z "$best" ]; then
        echo "rcusim needs a JDK $RCUSIM_MIN_JDK or newer; found only:${found:- nothing}; install e.g. openjdk-21-jdk or temurin-21 and/or set JAVA_HOME" >&2
        return 2
    fi
    JAVA_HOME=$best
    RCUSIM_JAVA_MAJOR=$(rcusim_jdk_major "$best")
    PATH=$JAVA_HOME/bin:$PATH
    export JAVA_HOME PATH RCUSIM_JAVA_MAJOR
    if [ "$RCUSIM_JAVA_MAJOR" -ge 24 ]; then
        case " ${MAVEN_OPTS:-} " in
            *" --sun-misc-unsafe-memory-access="*) ;;
            *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
        esac
        export MAVEN_OPTS
    fi
}

rcusim_find_jdk || exit 2
