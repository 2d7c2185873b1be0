#!/usr/bin/env bash
# The demo's part inside the test VM (test-vm/demo runs it; root, repository root as the current
# directory, cli/target built). Builds the network of examples/ipvsd.toml in namespaces (see
# network.sh), runs bin/ipvsd with the example file unchanged in the director's namespace and
# with the same file at a lower VRRP priority in the peer's, shows each of the example's services
# at work, then cuts the director off and shows the peer taking the VIPs over, the connection
# table synced, and the director taking them back. Exits 1 if something did not behave as shown.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
# shellcheck source=network.sh
source "$here/network.sh"

config=examples/ipvsd.toml
# Every JVM here (two daemons and each ipvsctl) shares one emulated CPU: C2 compilation would cost
# more than it brings in a few minutes (bin/launch passes IPVSD_JAVA_OPTS to java).
export IPVSD_JAVA_OPTS=${IPVSD_JAVA_OPTS--XX:TieredStopAtLevel=1}
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

# converged NETNS: ipvsadm -Sn of that director as the example wants it (the health of every
# server is up), and ipvsd's nf_tables table there.
converged() {
    local r
    r=$(ip netns exec "$1" ipvsadm -Sn)
    grep -qx -- '-A -t 192.0.2.10:443 -s wlc -p 600' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.10:443 -r 203.0.113.11:443 -g -w 100' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.10:443 -r 203.0.113.12:443 -g -w 100' <<<"$r" &&
        grep -qx -- '-a -f 1 -r 203.0.113.1:0 -g -w 1' <<<"$r" &&
        grep -qx -- '-a -f 1 -r 203.0.113.2:0 -g -w 1' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.30:80 -r 198.51.100.21:8080 -m -w 1' <<<"$r" &&
        grep -qx -- '-a -t 192.0.2.30:80 -r 198.51.100.22:8080 -m -w 1' <<<"$r" &&
        ip netns exec "$1" nft list table inet ipvsd >/dev/null
}
# holds_vips NETNS: all three VIPs are on that director's eth0; holds_no_vip: none is.
holds_vips() { [[ $(ip -n "$1" -o addr show dev eth0 | grep -c ' 192\.0\.2\.\(10\|20\|30\)/32 ') == 3 ]]; }
holds_no_vip() { ! ip -n "$1" -o addr show dev eth0 | grep -q ' 192\.0\.2\.'; }
sync_daemons() { ip netns exec "$1" ipvsadm -L --daemon; }
# master NETNS: that director is VRRP master (its VIPs) and sends the connection table.
master() {
    holds_vips "$1" && [[ $(sync_daemons "$1") == *"master sync daemon"* && $(sync_daemons "$1") != *"backup sync daemon"* ]]
}
backup() {
    holds_no_vip "$1" && [[ $(sync_daemons "$1") == *"backup sync daemon"* && $(sync_daemons "$1") != *"master sync daemon"* ]]
}
peer_socket=$DEMO_DIR/peer/run/ipvsd.sock
# Packets the mark rule of fwmark 1 marked so far (its counter in ipvsd's table).
marked_packets() {
    ip netns exec director nft list table inet ipvsd |
        awk '/meta mark set 0x00000001/ { for (i = 1; i < NF; i++) if ($i == "packets") { print $(i + 1); exit } }'
}
# Entries in the director's IPVS connection table whose client is the peer (its source address).
peer_connections() {
    ip netns exec director ipvsadm -Lnc | awk '$4 ~ /^203\.0\.113\.2:/ { n++ } END { print n + 0 }'
}
web_address() { case $1 in web1) echo 203.0.113.11 ;; web2) echo 203.0.113.12 ;; *) echo none ;; esac; }
# synced_template CLIENT SERVER: the peer's connection table has the persistence template
# "client CLIENT (port 0) of web goes to SERVER".
synced_template() {
    ip netns exec peer ipvsadm -Lnc |
        awk -v c="$1:0" -v d="$2:443" '$4 == c && $5 == "192.0.2.10:443" && $6 == d { f = 1 } END { exit !f }'
}
# request_loop LOG NETNS HOST PORT: one request after another (each given 2 s) until killed;
# each appends a line to LOG: the time it ended (µs) and the answer (the server's name or FAIL).
request_loop() {
    local log=$1 r
    shift
    while true; do
        r=$(http_get_within 2 "$@")
        echo "${EPOCHREALTIME/[.,]/} $r" >>"$log"
    done
}
usecs() { echo "${EPOCHREALTIME/[.,]/}"; }
seconds() { local d=$(($1 / 100000)); printf '%d.%d' $((d / 10)) $((d % 10)); }  # µs -> "s.d"

heading "ipvsd demo: Debian kernel $(uname -r) in a throw-away VM"
note "Everything below runs in network namespaces inside the VM; no packet leaves it."
net_up
note "namespaces: $(ip netns list | awk '{ print $1 }' | sort | tr '\n' ' ')"
cat <<'EOF'

   front 203.0.113.0/24 (192.0.2.0/24 on-link)               back 198.51.100.0/24
   client1 .101  client2 .102  client3 .103                   api1 .21:8080  api2 .22:8080
   web1 .11  web2 .12 (DR)                                    sorry .99:8080
   director eth0 .1 (MAC 52:54:00:12:34:55)  [ipvsd, VRRP priority 150]  eth1 .1
   peer     eth0 .2 (MAC 52:54:00:12:34:56)  [ipvsd, VRRP priority 100]  eth1 .2
   the VRRP master holds the VIPs 192.0.2.10 .20 .30 on its eth0
EOF

heading "Starting ipvsd on both directors: $config unchanged on the director, priority 100 on the peer"
peer_config=$DEMO_DIR/peer.toml
printf '\033[2m$ %s\033[0m\n' "sed 's/^priority = 150\$/priority = 100/' $config >$peer_config"
sed 's/^priority = 150$/priority = 100/' "$config" >"$peer_config"
show diff "$config" "$peer_config" || true
note "The peer's file is the example with its VRRP priority lowered (sed above). The peer gets"
note "/run/ipvsd and /var/lib/ipvsd of its own (bind mounts in a mount namespace), as a machine would."
show ip netns exec director sysctl net.ipv4.ip_forward net.ipv4.vs.conntrack net.ipv4.conf.all.arp_ignore
t_start=$(usecs)
ip netns exec director bin/ipvsd --config "$config" >"$DEMO_DIR/director.log" 2>&1 &
director_pid=$!
mkdir -p /run/ipvsd /var/lib/ipvsd "$DEMO_DIR/peer/run" "$DEMO_DIR/peer/lib"
ip netns exec peer unshare -m sh -c 'mount --bind "$1" /run/ipvsd && mount --bind "$2" /var/lib/ipvsd && exec "$3" --config "$4"' \
    _ "$DEMO_DIR/peer/run" "$DEMO_DIR/peer/lib" bin/ipvsd "$peer_config" >"$DEMO_DIR/peer.log" 2>&1 &
peer_pid=$!
# On a failure (die), the daemons' logs tell why.
stop_daemons() {
    local status=$?
    kill "$director_pid" "$peer_pid" 2>/dev/null || true
    if ((status)); then
        for node in director peer; do
            printf '\n%s ipvsd log (last 60 lines):\n' "$node"
            tail -n 60 "$DEMO_DIR/$node.log" | sed 's/^/   /'
        done
    fi
}
trap stop_daemons EXIT
director_ready() { converged director && master director; }
peer_ready() { converged peer && backup peer; }
wait_for 240 "the director converged the kernel to the file, is VRRP master and runs the master sync daemon" director_ready
wait_for 90 "the peer converged too, is VRRP backup and runs the backup sync daemon" peer_ready
show ip netns exec director sysctl net.ipv4.ip_forward net.ipv4.vs.conntrack net.ipv4.conf.all.arp_ignore
show ip -n director -4 addr show dev eth0
show ip netns exec director ipvsadm -L --daemon
show ip netns exec peer ipvsadm -L --daemon
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

heading "4. The peer director's frames (source MAC $PEER_MAC) are not marked by the master"
show ip -n peer link show eth0
marked0=$(marked_packets)
peer=()
for i in 1 2 3; do
    peer+=("$(http_get peer 192.0.2.20 80)")
done
marked1=$(marked_packets)
conns=$(peer_connections)
note "peer -> 192.0.2.20:80, three requests: ${peer[*]}   (served by the director itself, not balanced)"
note "(the master forwards shop requests to the peer the same way: from its MAC, which the peer's rule excludes)"
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

heading "7. Failover: the director is cut off; the peer takes the VIPs, the clients stay on their servers"
note "The master's sync daemon has copied its connection table to the peer, persistence templates"
note "included: each client's template for web (192.0.2.10:443) is there already."
show ipvsctl list -c --service 192.0.2.10:443 --netns peer
declare -A pinned
for c in "${CLIENTS[@]}"; do
    pinned[$c]=${answers[$c]%% *}
    a=203.0.113.$((${c#client} + 100))
    check "the peer has $c's template: $a -> ${pinned[$c]} ($(web_address "${pinned[$c]}"))" \
        synced_template "$a" "$(web_address "${pinned[$c]}")"
done
note "client1 asks web (192.0.2.10:443, persistent) and client2 api (192.0.2.30:80, NAT), one request"
note "after another (2 s allowed each); then the director's front link is cut (ip link set ... down"
note "on the bridge side: its cable pulled, it cannot say goodbye)."
rm -f "$DEMO_DIR/web.log" "$DEMO_DIR/api.log"
request_loop "$DEMO_DIR/web.log" client1 192.0.2.10 443 &
web_loop=$!
request_loop "$DEMO_DIR/api.log" client2 192.0.2.30 80 &
api_loop=$!
wait_for 20 "both clients are getting answers" bash -c '[[ -s $1 && -s $2 ]]' _ "$DEMO_DIR/web.log" "$DEMO_DIR/api.log"
sleep 2
t_cut=$(usecs)
show ip link set director-front down
until holds_vips peer; do
    (($(usecs) - t_cut < 30000000)) || die "the peer did not take the VIPs within 30 s"
    sleep 0.05
done
t_vip=$(usecs)
# answered_since T LOG: LOG has an answer (not FAIL) from a request that ended after T.
answered_since() { awk -v t="$1" '$1 > t && $2 != "FAIL" { f = 1 } END { exit !f }' "$2"; }
wait_for 30 "a client's request through the VIP was answered again" answered_since "$t_vip" "$DEMO_DIR/api.log"
t_answer=$(awk -v t="$t_vip" '$1 > t && $2 != "FAIL" { print $1; exit }' "$DEMO_DIR/api.log")
sleep 3
kill "$web_loop" "$api_loop"
wait "$web_loop" "$api_loop" 2>/dev/null || true
note "the peer held the VIPs $(seconds $((t_vip - t_cut))) s after the cut; the first answer through it came $(seconds $((t_answer - t_cut))) s after the cut"
for loop in web api; do
    log=$DEMO_DIR/$loop.log
    # Requests answered before the cut; after it, failed ones and answered ones.
    read -r before failed after < <(awk -v t="$t_cut" '
        $1 <= t { b++; next }
        $2 == "FAIL" { f++; next }
        { a++ }
        END { print b + 0, f + 0, a + 0 }' "$log")
    note "$loop: $before requests answered before the cut; after it $failed failed, $after answered"
    check "$loop: requests failed only during the switch, then every one was answered" \
        awk -v t="$t_answer" '$1 > t + 2000000 && $2 == "FAIL" { exit 1 }' "$log"
    check "$loop: answered again after the switch" bash -c '(( $1 >= 3 ))' _ "$after"
done
web_servers=$(awk '$2 != "FAIL" { print $2 }' "$DEMO_DIR/web.log" | sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')
note "client1's web answers, before and after: $web_servers"
check "client1 stayed on ${pinned[client1]} across the failover (the synced template)" \
    bash -c '[[ -z $(awk -v s="$1" '\''$2 != "FAIL" && $2 != s'\'' "$2") ]]' _ "${pinned[client1]}" "$DEMO_DIR/web.log"
w3=$(http_get client3 192.0.2.10 443)
note "client3 -> 192.0.2.10:443: $w3 (pinned to ${pinned[client3]} before)"
check "client3 is still on ${pinned[client3]}" same "$w3" "${pinned[client3]}"
who=$(http_get client2 192.0.2.30 80 /cgi-bin/whoami)
note "$who"
check "the NAT server now sees the peer's address 198.51.100.2 (the peer's MASQUERADE)" \
    bash -c '[[ $1 == *"from 198.51.100.2" ]]' _ "$who"
wait_for 30 "the peer runs the master sync daemon now" master peer
show ip -n peer -4 addr show dev eth0
show ip -n director -4 addr show dev eth0

heading "8. ipvsctl status on both directors (the peer now master, the director cut off)"
show ipvsctl status
show ipvsctl status --socket "$peer_socket"

heading "9. The director returns: with the higher priority (no nopreempt) it takes the VIPs back"
t_up=$(usecs)
show ip link set director-front up
both_back() { master director && backup peer; }
wait_for 30 "the director is master again and the peer backup, sync daemons included" both_back
note "the director held the VIPs again $(seconds $(($(usecs) - t_up))) s after its link came up (VRRP: 3 x 1 s + skew)"
who=$(http_get client2 192.0.2.30 80 /cgi-bin/whoami)
note "$who"
check "the NAT server sees the director's address 198.51.100.1 again" bash -c '[[ $1 == *"from 198.51.100.1" ]]' _ "$who"
w1=$(http_get client1 192.0.2.10 443)
note "client1 -> 192.0.2.10:443: $w1   (pinned to ${pinned[client1]} before: the director's own template may"
note "be gone: cut off, its health checks took web1 and web2 out, and expire_nodest_conn = 1 dropped"
note "their connections and templates; the peer's sync daemon sends only connections that carry packets)"
check "client1 is answered" bash -c '[[ $1 == web[12] ]]' _ "$w1"

heading "ipvsd's log on the director"
sed 's/^/   /' "$DEMO_DIR/director.log"
heading "ipvsd's log on the peer"
sed 's/^/   /' "$DEMO_DIR/peer.log"

heading "Done"
kill -TERM "$director_pid" "$peer_pid"
t_end=$(usecs)
note "ipvsd ran $(((t_end - t_start) / 1000000)) s; the demo took $(elapsed) s inside the VM"
if ((failures)); then
    note "$failures check(s) failed"
    exit 1
fi
note "all checks passed"
