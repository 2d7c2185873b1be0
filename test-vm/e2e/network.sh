# The demo network of examples/ipvsd.toml, in network namespaces (sourced, bash, as root, inside
# the test VM: it creates namespaces and bridges and never cleans up, the VM is thrown away).
#
#   front 203.0.113.0/24 (bridge br-front)                  back 198.51.100.0/24 (bridge br-back)
#
#   client1 .101  client2 .102  client3 .103                api1 .21:8080   api2 .22:8080
#   web1    .11   web2 .12   (DR: 192.0.2.10 on lo)         sorry .99:8080
#   director eth0 .1  MAC 52:54:00:12:34:55 --------------- eth1 .1
#   peer     eth0 .2  MAC 52:54:00:12:34:56 --------------- eth1 .2
#            both run ipvsd with the example file (the peer with a lower VRRP priority): the
#            master holds the VIPs 192.0.2.10, 192.0.2.20, 192.0.2.30 on its eth0
#
# The clients reach 192.0.2.0/24 on-link: they ask for the VIPs by ARP, so the gratuitous ARPs
# of a new master move them. The web servers answer clients directly (DR). The api servers have
# no route beyond their own network: only MASQUERADE on the master's eth1 brings their replies
# back. The two directors are the real servers of the fwmark service "shop", so both have
# 192.0.2.20 on lo (not answered in ARP: arp_ignore from the file); the peer's own requests to
# 192.0.2.20 go out to the master (policy routing), from its own MAC.
#
# Every server runs busybox httpd answering GET / with its name (plain HTTP, also on 443), the
# health-check paths of the example (/healthz, /health, /ping), and /cgi-bin/whoami, which says
# which source address the request came from.

readonly DIRECTOR_MAC=52:54:00:12:34:55
readonly PEER_MAC=52:54:00:12:34:56
readonly DEMO_DIR=/tmp/ipvsd-demo
readonly CLIENTS=(client1 client2 client3)

# veth NETNS IFNAME BRIDGE ADDRESS/LEN [MAC]: a namespace's interface on one of the two bridges.
veth() {
    local ns=$1 ifname=$2 bridge=$3 address=$4 mac=${5:-}
    local host_end="$ns-${bridge#br-}"
    host_end=${host_end:0:15}
    ip link add "$ifname" netns "$ns" ${mac:+address "$mac"} type veth peer name "$host_end"
    ip link set "$host_end" master "$bridge" up
    ip -n "$ns" link set "$ifname" up
    ip -n "$ns" addr add "$address" dev "$ifname"
}

netns() {
    ip netns add "$1"
    ip -n "$1" link set lo up
}

# www NAME: the document root of a server called NAME.
www() {
    local dir=$DEMO_DIR/www/$1
    mkdir -p "$dir/cgi-bin"
    echo "$1" >"$dir/index.html"
    echo ok >"$dir/healthz"
    echo ok >"$dir/health"
    echo pong >"$dir/ping"
    cat >"$dir/cgi-bin/whoami" <<EOF
#!/bin/sh
printf 'Content-Type: text/plain\r\n\r\n'
# httpd listens on IPv6 too: an IPv4 client shows as [::ffff:a.b.c.d]
echo "$1 got the request from \$REMOTE_ADDR" | sed 's/\[::ffff:\(.*\)\]/\1/'
EOF
    chmod 0755 "$dir/cgi-bin/whoami"
}

# httpd_start NETNS NAME PORT...: busybox httpd in the foreground, backgrounded here; pid files
# in $DEMO_DIR/pids so httpd_stop kills exactly these processes.
httpd_start() {
    local ns=$1 name=$2 port
    shift 2
    mkdir -p "$DEMO_DIR/pids"
    for port in "$@"; do
        ip netns exec "$ns" busybox httpd -f -p "$port" -h "$DEMO_DIR/www/$name" </dev/null >/dev/null 2>&1 &
        echo $! >"$DEMO_DIR/pids/$ns-$port"
    done
    for port in "$@"; do
        wait_for 10 "$name listens on $port" ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" >/dev/null
    done
}

httpd_stop() {
    local ns=$1 port
    shift
    for port in "$@"; do
        kill "$(cat "$DEMO_DIR/pids/$ns-$port")"
        rm -f "$DEMO_DIR/pids/$ns-$port"
    done
}

net_up() {
    local c i=101
    ip link add br-front type bridge
    ip link add br-back type bridge
    ip link set br-front up
    ip link set br-back up

    # The two directors: the same links, the VIPs left to ipvsd (VRRP); 192.0.2.20 on lo as on
    # any real server of "shop".
    netns director
    veth director eth0 br-front 203.0.113.1/24 "$DIRECTOR_MAC"
    veth director eth1 br-back 198.51.100.1/24
    ip -n director addr add 192.0.2.20/32 dev lo
    www director
    httpd_start director director 80 443

    # The peer's own requests to 192.0.2.20 must leave through eth0 (to the master) rather than
    # stay local: a rule for locally made packets (iif lo) to that address comes before the
    # local table. They are the frames from its MAC the master must not mark.
    netns peer
    veth peer eth0 br-front 203.0.113.2/24 "$PEER_MAC"
    veth peer eth1 br-back 198.51.100.2/24
    ip -n peer addr add 192.0.2.20/32 dev lo
    ip -n peer route add 192.0.2.0/24 dev eth0
    ip -n peer rule add pref 10 lookup local
    ip -n peer rule del pref 0 lookup local
    ip -n peer rule add pref 5 iif lo to 192.0.2.20 lookup main
    www peer
    httpd_start peer peer 80 443

    for c in "${CLIENTS[@]}"; do
        netns "$c"
        veth "$c" eth0 br-front "203.0.113.$i/24"
        ip -n "$c" route add 192.0.2.0/24 dev eth0
        i=$((i + 1))
    done

    # Direct-routing web servers: the VIP on lo, never announced or answered in ARP.
    for i in 1 2; do
        netns "web$i"
        ip netns exec "web$i" sysctl -q -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
        veth "web$i" eth0 br-front "203.0.113.1$i/24"
        ip -n "web$i" addr add 192.0.2.10/32 dev lo
        www "web$i"
        httpd_start "web$i" "web$i" 80 443
    done

    # NAT servers and the sorry server on the private network; no route beyond it.
    for s in api1:21 api2:22 sorry:99; do
        netns "${s%:*}"
        veth "${s%:*}" eth0 br-back "198.51.100.${s#*:}/24"
        www "${s%:*}"
        httpd_start "${s%:*}" "${s%:*}" 8080
    done
}
