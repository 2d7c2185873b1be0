# Helpers shared by the demo scripts (sourced, bash). Everything here runs inside the test VM.

# Seconds since the script started, with one decimal.
e2e_t0=${EPOCHREALTIME/[.,]/}
elapsed() {
    local now=${EPOCHREALTIME/[.,]/}
    local d=$(((now - e2e_t0) / 100000))
    printf '%d.%d' $((d / 10)) $((d % 10))
}

heading() {
    printf '\n\033[1m== %s\033[0m  (t=%s s)\n' "$*" "$(elapsed)"
}

note() {
    printf '   %s\n' "$*"
}

# Shows a command, then runs it; its output is indented.
show() {
    printf '\033[2m$ %s\033[0m\n' "$*"
    "$@" 2>&1 | sed 's/^/  /'
    return "${PIPESTATUS[0]}"
}

die() {
    printf 'demo: %s\n' "$*" >&2
    exit 1
}

# wait_for SECONDS WHAT CMD...: runs CMD every 0.2 s until it succeeds; dies after SECONDS.
# Prints how long it took.
wait_for() {
    local limit=$1 what=$2
    shift 2
    local start=${EPOCHREALTIME/[.,]/} now
    while true; do
        if "$@" >/dev/null 2>&1; then
            now=${EPOCHREALTIME/[.,]/}
            local d=$(((now - start) / 100000))
            note "($what: $((d / 10)).$((d % 10)) s)"
            return 0
        fi
        now=${EPOCHREALTIME/[.,]/}
        if (((now - start) / 1000000 >= limit)); then
            die "not within $limit s: $what"
        fi
        sleep 0.2
    done
}

# http_get NETNS HOST PORT [PATH]: one HTTP/1.0 GET from namespace NETNS over bash's /dev/tcp;
# prints the body's last line, or FAIL. Bounded by a 5 s timeout.
http_get() {
    http_get_within 5 "$@"
}

# http_get_within SECONDS NETNS HOST PORT [PATH]: http_get with another time limit.
http_get_within() {
    local limit=$1 ns=$2 host=$3 port=$4 path=${5:-/}
    ip netns exec "$ns" timeout "$limit" bash -c '
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$3" "$1" >&3
        tail -n 1 <&3' _ "$host" "$port" "$path" 2>/dev/null || echo FAIL
}
