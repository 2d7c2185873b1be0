#!/bin/sh
# Captures /proc/net/ip_vs_conn and ipvsadm 1.31's -Lnc, --stats and --rate listings after real
# traffic (Linux 6.1), as test resources. Three namespaces inside the test VM: client -- dir (the
# director, IPVS NAT) -- server (busybox httpd). Run it in the VM from this directory:
#   test-vm/run --out "$PWD" -- sh capture-traffic.sh
set -eu
for ns in client dir server; do ip netns add $ns; done
trap 'for ns in client dir server; do ip netns del $ns; done' EXIT
nsx() { ns=$1; shift; ip netns exec "$ns" "$@"; }

# Links: client c0 -- d0 dir d1 -- s0 server
ip link add c0 netns client type veth peer name d0 netns dir
ip link add s0 netns server type veth peer name d1 netns dir
for ns in client dir server; do nsx $ns ip link set lo up; done
nsx client ip link set c0 up
nsx dir ip link set d0 up
nsx dir ip link set d1 up
nsx server ip link set s0 up
nsx client ip addr add 10.9.1.2/24 dev c0
nsx client ip addr add 2001:db8:1::2/64 dev c0 nodad
nsx dir ip addr add 10.9.1.1/24 dev d0
nsx dir ip addr add 2001:db8:1::1/64 dev d0 nodad
nsx dir ip addr add 10.9.2.1/24 dev d1
nsx dir ip addr add 2001:db8:2::1/64 dev d1 nodad
nsx server ip addr add 10.9.2.2/24 dev s0
nsx server ip addr add 2001:db8:2::2/64 dev s0 nodad
nsx client ip route add default via 10.9.1.1
nsx client ip -6 route add default via 2001:db8:1::1
nsx server ip route add default via 10.9.2.1
nsx server ip -6 route add default via 2001:db8:2::1
nsx dir sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
# The virtual addresses live on the director's client-side link.
for a in 10.9.1.100 10.9.1.101 10.9.1.102 10.9.1.103; do nsx dir ip addr add $a/32 dev d0; done
for a in 2001:db8:1::100 2001:db8:1::101; do nsx dir ip addr add $a/128 dev d0 nodad; done
nsx dir nft -f - <<'NFT'
table ip marking {
    chain pre {
        type filter hook prerouting priority mangle;
        ip daddr 10.9.1.102 tcp dport 80 meta mark set 1;
    }
}
NFT

mkdir -p /tmp/www
echo hello >/tmp/www/index.html
nsx server busybox httpd -p 80 -h /tmp/www

cat >traffic.setup <<'SETUP'
ipvsadm -A -t 10.9.1.100:80 -s rr
ipvsadm -a -t 10.9.1.100:80 -r 10.9.2.2:80 -m
ipvsadm -A -t [2001:db8:1::100]:80 -s rr
ipvsadm -a -t [2001:db8:1::100]:80 -r [2001:db8:2::2]:80 -m
ipvsadm -A -t 10.9.1.101:80 -s rr -p 300 -M 255.255.255.0
ipvsadm -a -t 10.9.1.101:80 -r 10.9.2.2:80 -m
ipvsadm -A -t [2001:db8:1::101]:80 -s rr -p 300 -M 64
ipvsadm -a -t [2001:db8:1::101]:80 -r [2001:db8:2::2]:80 -m
ipvsadm -A -f 1 -s rr -p 60
ipvsadm -a -f 1 -r 10.9.2.2:0 -m
ipvsadm -A -u 10.9.1.100:53 -s rr
ipvsadm -a -u 10.9.1.100:53 -r 10.9.2.2:53 -m
ipvsadm -A -u 10.9.1.103:5060 -s rr -p 60 --pe sip
ipvsadm -a -u 10.9.1.103:5060 -r 10.9.2.2:5060 -m
SETUP
while read -r cmd; do
    nsx dir $cmd || { echo "FAILED: $cmd" >&2; exit 1; }
done <traffic.setup

cat >traffic.clients <<'CLIENTS'
busybox wget -q -O /dev/null http://10.9.1.100/
busybox wget -q -O /dev/null http://10.9.1.100/
busybox wget -q -O /dev/null http://[2001:db8:1::100]/
busybox wget -q -O /dev/null http://10.9.1.101/
busybox wget -q -O /dev/null http://[2001:db8:1::101]/
busybox wget -q -O /dev/null http://10.9.1.102/
echo query >/dev/udp/10.9.1.100/53
printf 'OPTIONS sip:x@10.9.1.103 SIP/2.0\r\nVia: SIP/2.0/UDP 10.9.1.2:5060\r\nCall-ID: a84b4c76e66710@client\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n' >/dev/udp/10.9.1.103/5060
CLIENTS
while read -r cmd; do
    nsx client bash -c "$cmd" || { echo "FAILED: $cmd" >&2; exit 1; }
done <traffic.clients

header() {  # LISTING: the "# " lines that say how the table was made
    sed 's/^/# /' traffic.setup
    echo "# traffic from the client namespace, each line run by bash:"
    sed 's/^/#   /' traffic.clients
    echo "# listing: $1"
}

# Expires ticks: take ipvsadm's listing between two equal reads of the table.
while :; do
    nsx dir cat /proc/net/ip_vs_conn >conn.before
    nsx dir ipvsadm -Lnc >conn.Lnc
    nsx dir ipvsadm -Lnc --persistent-conn >conn.Lnc-pc
    nsx dir cat /proc/net/ip_vs_conn >conn.after
    cmp -s conn.before conn.after && break
done
{ header "cat /proc/net/ip_vs_conn"; cat conn.before; } >traffic-proc-ip_vs_conn.txt
{ header "ipvsadm -Lnc"; cat conn.Lnc; } >traffic-Lnc.txt
{ header "ipvsadm -Lnc --persistent-conn"; cat conn.Lnc-pc; } >traffic-Lnc-persistent-conn.txt

# Counters are still once the traffic is over; rates drift, so again take a stable moment.
stable() {  # FILE ARGS...: "ipvsadm ARGS" and "ipvsadm ARGS --exact", at a moment both agree
    file=$1
    shift
    while :; do
        nsx dir ipvsadm "$@" --exact >list.before
        nsx dir ipvsadm "$@" >list.plain
        nsx dir ipvsadm "$@" --exact >list.after
        cmp -s list.before list.after && break
    done
    { header "ipvsadm $* --exact"; cat list.before; } >"$file-exact.txt"
    { header "ipvsadm $*"; cat list.plain; } >"$file.txt"
}
stable traffic-Ln-stats -Ln --stats
stable traffic-Ln-rate -Ln --rate
stable traffic-Ln -Ln
stable traffic-Ln-persistent-conn -Ln --persistent-conn
rm -f conn.* list.* traffic.setup traffic.clients
