# shellcheck shell=bash
# Sourced by rcusim's scripts: finds a JDK >= 21 and exports JAVA_HOME and PATH.
#
# Order: $JAVA_HOME if it is new enough; else the newest suitable JDK in the usual install
# places (/usr/lib/jvm/* first); else the `java` on PATH. A JDK needs bin/java and bin/javac.
# On JDK >= 24 it also quiets Maven's own Guava (sun.misc.Unsafe warnings) through MAVEN_OPTS.
# If nothing fits it says what it found and exits 2. Written without subshells where it can:
# ./rcusim runs it on every start.

RCUSIM_MIN_JDK=21

# Sets rcusim_major to the major version of the JDK at $1 (and rcusim_build to its full build
# string, e.g. 25.0.3+9-LTS), or fails.
rcusim_jdk_major() {
    local home=$1 v="" line
    rcusim_major=""
    rcusim_build=""
    [ -x "$home/bin/java" ] || return 1
    if [ -r "$home/release" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            if [[ $line =~ ^JAVA_VERSION=\"([^\"]*)\" ]]; then
                v=${BASH_REMATCH[1]}
            elif [[ $line =~ ^JAVA_RUNTIME_VERSION=\"([^\"]*)\" ]]; then
                rcusim_build=${BASH_REMATCH[1]}
            fi
        done <"$home/release"
    fi
    if [ -z "$v" ]; then
        line=$("$home/bin/java" -version 2>&1) || true
        [[ $line =~ version\ \"([^\"]*)\" ]] && v=${BASH_REMATCH[1]}
    fi
    rcusim_build=${rcusim_build:-$v}
    case $v in 1.*) v=${v#1.} ;; esac
    v=${v%%[.+-]*}
    case $v in '' | *[!0-9]*) return 1 ;; esac
    rcusim_major=$v
}

rcusim_find_jdk() {
    local found="" best="" best_major=0 best_build="" candidate java_bin entry seen=" " places

    # Records $1 in the "found" list; succeeds if it is a suitable JDK.
    _rcusim_check() {
        rcusim_jdk_major "$1" || return 1
        entry="$1 (Java $rcusim_major"
        [ -x "$1/bin/javac" ] || entry="$entry, no javac"
        entry="$entry)"
        case ",$found," in *", $entry,"*) ;; *) found="${found:+$found,} $entry" ;; esac
        [ "$rcusim_major" -ge "$RCUSIM_MIN_JDK" ] && [ -x "$1/bin/javac" ]
    }

    if [ -n "${JAVA_HOME:-}" ] && _rcusim_check "${JAVA_HOME%/}"; then
        best=${JAVA_HOME%/}
        best_major=$rcusim_major
        best_build=$rcusim_build
    else
        # RCUSIM_JDK_SEARCH (globs) replaces the usual places; the scripts' tests use it.
        places=${RCUSIM_JDK_SEARCH:-/usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
/Library/Java/JavaVirtualMachines/*/Contents/Home ${HOME:-/nonexistent}/.sdkman/candidates/java/* \
${HOME:-/nonexistent}/.jdks/*}
        # shellcheck disable=SC2086 # the globs are meant to expand
        for candidate in $places; do
            [ -d "$candidate" ] || continue
            if [ -L "$candidate" ]; then # an alias such as java-1.17.0-openjdk-amd64
                candidate=$(readlink -f "$candidate" 2>/dev/null) || continue
            fi
            case $seen in *" $candidate "*) continue ;; esac
            seen="$seen$candidate "
            if _rcusim_check "$candidate" && [ "$rcusim_major" -gt "$best_major" ]; then
                best=$candidate
                best_major=$rcusim_major
                best_build=$rcusim_build
            fi
        done
        if [ -z "$best" ] && java_bin=$(command -v java 2>/dev/null); then
            java_bin=$(readlink -f "$java_bin" 2>/dev/null || echo "$java_bin")
            candidate=${java_bin%/bin/java}
            if [ "$candidate" != "$java_bin" ] && _rcusim_check "$candidate"; then
                best=$candidate
                best_major=$rcusim_major
                best_build=$rcusim_build
            fi
        fi
    fi
    unset -f _rcusim_check

    if [ -z "$best" ]; then
        echo "rcusim needs a JDK $RCUSIM_MIN_JDK or newer; found only:${found:- nothing}; install e.g. openjdk-21-jdk or temurin-21 and/or set JAVA_HOME" >&2
        return 2
    fi
    JAVA_HOME=$best
    RCUSIM_JAVA_MAJOR=$best_major
    RCUSIM_JAVA_BUILD=${best_build//[^A-Za-z0-9.+_-]/_}
    PATH=$JAVA_HOME/bin:$PATH
    export JAVA_HOME PATH RCUSIM_JAVA_MAJOR RCUSIM_JAVA_BUILD
    if [ "$RCUSIM_JAVA_MAJOR" -ge 24 ]; then
        case " ${MAVEN_OPTS:-} " in
            *" --sun-misc-unsafe-memory-access="*) ;;
            *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
        esac
        export MAVEN_OPTS
    fi
}

rcusim_find_jdk || exit 2
