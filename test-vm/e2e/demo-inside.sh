#!/usr/bin/env bash
# The demo's part inside the test VM (test-vm/demo runs it; root, repository root as the current
# directory, cli/target built). Builds the network of examples/ipvsd.toml in namespaces (see
# network.sh), runs bin/ipvsd with the example file unchanged in the director's namespace, and
# shows each of the example's services at work. Exits 1 if something did not behave as shown.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
# shellcheck source=network.sh
source "$here/network.sh"

config=examples/ipvsd.toml
[[ -f $config && -x bin/ipvsd ]] || die "run from the repository root"

failures=0
check() {  # check DESCRIPTION CMD...: prints ✔ or ✘ with DESCRIPTION
    local what=$1
    shift
    if "$@"; then
        printf '   \033[32m✔\033[0m %s\n' "$what"
    else
        printf '   \033[31m✘\033[0m %s\n' "$what"
        failures=$((failures + 1))
    fi
}
same() { [[ $1 == "$2" ]]; }
all_same() { local x; for x in "${@:2}"; do [[ $x == "$1" ]] || return 1; done; }
ipvsctl() { bin/ipvsctl "$@"; }

# ipvsadm -Sn of the director as the example wants it (the health of every server is up).
rules() { ip netns exec director ipvsadm -Sn; }
converged() {
    local r
    r=$(rules)
    grep -qx -- '-A -t 192.0.2.10:443 -s wlc -p 600' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.10:443 -r 203.0.113.11:443 -g -w 100' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.10:443 -r 203.0.113.12:443 -g -w 100' <<<"$r" &&
        grep -qx -- '-a -f 1 -r 203.0.113.1:0 -g -w 1' <<<"$r" &&
        grep -qx -- '-a -f 1 -r 203.0.113.2:0 -g -w 1' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.30:80 -r 198.51.100.21:8080 -m -w 1' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.30:80 -r 198.51.100.22:8080 -m -w 1' <<<"$r" &&
        ip netns exec director nft list table inet ipvsd >/dev/null
}
# Packets the mark rule of fwmark 1 marked so far (its counter in ipvsd's table).
marked_packets() {
    ip netns exec director nft list table inet ipvsd |
        awk '/meta mark set 0x00000001/ { for (i = 1; i < NF; i++) if ($i == "packets") { print $(i + 1); exit } }'
}
# Entries in the director's IPVS connection table whose client is the peer (its source address).
peer_connections() {
    ip netns exec director ipvsadm -Lnc | awk '$3 ~ /^203\.0\.113\.2:/ { n++ } END { print n + 0 }'
}

heading "ipvsd demo: Debian kernel $(uname -r) in a throw-away VM"
note "Everything below runs in network namespaces inside the VM; no packet leaves it."
net_up
note "namespaces: $(ip netns list | awk '{ print $1 }' | sort | tr '\n' ' ')"
cat <<'EOF'

   front 203.0.113.0/24                                       back 198.51.100.0/24
   client1 .101  client2 .102  client3 .103                   api1 .21:8080  api2 .22:8080
   peer .2 (MAC 52:54:00:12:34:56)   web1 .11  web2 .12 (DR)  sorry .99:8080
   director eth0 .1  [VIPs 192.0.2.10 .20 .30, ipvsd]  eth1 .1
EOF

heading "Starting ipvsd with $config, unchanged, in the director's namespace"
show ip netns exec director sysctl net.ipv4.ip_forward net.ipv4.vs.conntrack
t_start=${EPOCHREALTIME/[.,]/}
ip netns exec director bin/ipvsd --config "$config" >"$DEMO_DIR/ipvsd.log" 2>&1 &
daemon_pid=$!
trap 'kill "$daemon_pid" 2>/dev/null || true' EXIT
wait_for 120 "ipvsd started and converged the kernel to the file" converged
show ip netns exec director sysctl net.ipv4.ip_forward net.ipv4.vs.conntrack
show ipvsctl list --netns director
show ip netns exec director nft list table inet ipvsd

heading "1. web: 192.0.2.10:443, direct routing to web1 and web2, persistence 600 s"
note "Three rounds of one request per client (plain HTTP on 443 here: busybox httpd has no TLS)."
declare -A answers
for round in 1 2 3; do
    for c in "${CLIENTS[@]}"; do
        answers[$c]+="$(http_get "$c" 192.0.2.10 443) "
    done
done
all=''
for c in "${CLIENTS[@]}"; do
    note "$c: ${answers[$c]}"
    all+=${answers[$c]}
done
note "per server: $(tr ' ' '\n' <<<"$all" | grep . | sort | uniq -c | awk '{ printf "%s %s  ", $2, $1 }')"
for c in "${CLIENTS[@]}"; do
    # shellcheck disable=SC2086
    check "$c is pinned to one server (persistence)" all_same ${answers[$c]}
done
check "the clients are spread over web1 and web2" bash -c '[[ $1 == *web1* && $1 == *web2* ]]' _ "$all"
note "$(http_get client1 192.0.2.10 443 /cgi-bin/whoami)   (DR: the server sees the client itself)"

heading "2. api: 192.0.2.30:80, NAT to api1 and api2 port 8080, round robin"
api=()
for i in 1 2 3 4 5 6; do
    api+=("$(http_get client1 192.0.2.30 80)")
done
note "client1, six requests: ${api[*]}"
check "round robin alternates api1 and api2" same "${api[*]}" "$(for i in 1 2 3; do printf '%s %s ' "${api[0]}" "${api[1]}"; done | sed 's/ $//')"
check "both servers answered" bash -c '[[ $1 == *api1* && $1 == *api2* ]]' _ "${api[*]}"
who=$(http_get client1 192.0.2.30 80 /cgi-bin/whoami)
note "$who"
check "MASQUERADE: the NAT server sees the director's address 198.51.100.1, not the client" \
    bash -c '[[ $1 == *"from 198.51.100.1" ]]' _ "$who"
show ip -n api1 route
note "api1 has no route to the clients: its replies return only because they are addressed to the director."

heading "3. shop: fwmark 1 = TCP 192.0.2.20 ports 80 and 443, balanced together, persistence 1800 s"
before_marked=$(marked_packets)
for c in "${CLIENTS[@]}"; do
    p80=$(http_get "$c" 192.0.2.20 80)
    p443=$(http_get "$c" 192.0.2.20 443)
    p80b=$(http_get "$c" 192.0.2.20 80)
    note "$c: port 80 -> $p80, port 443 -> $p443, port 80 again -> $p80b"
    check "$c reaches the same server on 80 and 443" all_same "$p80" "$p443" "$p80b"
done
note "fwmark 1 rule: $before_marked packets marked before, $(marked_packets) after"

heading "4. The peer director's frames (source MAC $PEER_MAC) are not marked"
show ip -n peer link show eth0
marked0=$(marked_packets)
peer=()
for i in 1 2 3; do
    peer+=("$(http_get peer 192.0.2.20 80)")
done
marked1=$(marked_packets)
conns=$(peer_connections)
note "peer -> 192.0.2.20:80, three requests: ${peer[*]}   (served by the director itself, not balanced)"
note "packets marked by the fwmark 1 rule: $marked0 before, $marked1 after; IPVS connections from the peer: $conns"
show ip netns exec director nft list chain inet ipvsd prerouting
check "no packet of the peer was marked" same "$marked0" "$marked1"
check "IPVS did not schedule the peer's connections" same "$conns" 0
check "the director answered locally" all_same director "${peer[@]}"
c1=$(http_get client3 192.0.2.20 80)
note "client3 -> 192.0.2.20:80: $c1; packets marked now: $(marked_packets)"
check "a client's packets are still marked" bash -c '(( $1 > $2 ))' _ "$(marked_packets)" "$marked1"

heading "5. Health checks: api1 and api2 stop, the sorry server takes over, then they come back"
httpd_stop api1 8080
httpd_stop api2 8080
note "stopped httpd on api1 and api2 (http /health every 5 s, fall 3)"
wait_for 60 "both out of the table, the sorry server in" bash -c \
    'r=$(ip netns exec director ipvsadm -Sn); grep -q -- "-r 198.51.100.99:8080 -m -w 1" <<<"$r" && ! grep -q "198.51.100.2[12]" <<<"$r"'
show ip netns exec director ipvsadm -Ln -t 192.0.2.30:80
s=$(http_get client1 192.0.2.30 80)
note "client1 -> 192.0.2.30:80: $s"
check "the sorry server serves" same "$s" sorry
httpd_start api1 api1 8080
httpd_start api2 api2 8080
wait_for 60 "api1 and api2 back, the sorry server out" bash -c \
    'r=$(ip netns exec director ipvsadm -Sn); grep -q 198.51.100.21 <<<"$r" && grep -q 198.51.100.22 <<<"$r" && ! grep -q 198.51.100.99 <<<"$r"'

heading "6. ipvsctl list -c: client1's connections and persistence templates"
show ipvsctl list -c --client 203.0.113.101 --netns director
note "Client port 0 marks a persistence template: TCP ...:0 -> 192.0.2.10:443 (web), IP ...:0 -> 0.0.0.1:0 (fwmark 1)."

heading "7. ipvsctl status"
show ipvsctl status

heading "ipvsd's log"
sed 's/^/   /' "$DEMO_DIR/ipvsd.log"

heading "Done"
kill -TERM "$daemon_pid"
t_end=${EPOCHREALTIME/[.,]/}
note "ipvsd ran $(((t_end - t_start) / 1000000)) s; the demo took $(elapsed) s inside the VM"
if ((failures)); then
    note "$failures check(s) failed"
    exit 1
fi
note "all checks passed"
