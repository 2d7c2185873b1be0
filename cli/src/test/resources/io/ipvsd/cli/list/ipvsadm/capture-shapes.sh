#!/bin/sh
# Captures ipvsadm 1.31's listings of many service shapes on Linux 6.1 (no traffic: all counters
# zero), as test resources for the ipvsctl formatter. Run it in the test VM from this directory:
#   test-vm/run --out "$PWD" -- sh capture-shapes.sh
# Each shapes-*.txt starts with the commands that built the table ("# " lines), then holds the
# exact bytes ipvsadm printed.
set -eu
ip netns add shapes
trap 'ip netns del shapes' EXIT

# IPVS takes only destinations it can route to: give the namespace routes to everything.
cat >shapes.setup <<'SETUP'
ip link set lo up
ip link add v0 type veth peer name v1
ip link set v0 up
ip link set v1 up
ip route add default dev v0
ip -6 route add default dev v0
ipvsadm -A -t 10.0.0.1:80 -s wlc
ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1
ipvsadm -a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 3
ipvsadm -a -t 10.0.0.1:80 -r 192.168.5.5:80 -g -w 0
ipvsadm -a -t 10.0.0.1:80 -r 172.16.0.9:80 -g -w 65535 -x 1000 -y 800
ipvsadm -A -t 192.168.10.1:443 -s rr -p 600 -M 255.255.255.0
ipvsadm -a -t 192.168.10.1:443 -r 10.0.2.1:443 -g
ipvsadm -A -t 200.0.0.1:80 -s lc
ipvsadm -A -t 10.0.0.1:8080 -s wlc -b flag-1,flag-3
ipvsadm -a -t 10.0.0.1:8080 -r 10.0.1.1:8080 -m -x 100 -y 50
ipvsadm -A -t 10.0.0.3:0 -s rr -p 60
ipvsadm -A -u 10.0.0.1:53 -s rr -o
ipvsadm -a -u 10.0.0.1:53 -r 10.0.1.1:53 -m
ipvsadm -a -u 10.0.0.1:53 -r 10.0.1.2:53 -m -w 2
ipvsadm -A -u 10.0.0.1:5060 -s rr -p 300 --pe sip -o
ipvsadm -a -u 10.0.0.1:5060 -r 10.0.1.3:5060 -m
ipvsadm -A --sctp-service 10.0.0.2:3868 -s sh -b sh-fallback,sh-port
ipvsadm -a --sctp-service 10.0.0.2:3868 -r 10.0.1.4:3868 -m
ipvsadm -A -t [2001:db8::1]:80 -s wrr
ipvsadm -a -t [2001:db8::1]:80 -r [2001:db8::10]:80 -m -w 5
ipvsadm -a -t [2001:db8::1]:80 -r [2001:db8:0:0:1::20]:8080 -m
ipvsadm -a -t [2001:db8::1]:80 -r [2001:0:0:1:0:0:0:1]:80 -g
ipvsadm -A -u [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:5353 -s rr -p 120 -M 64
ipvsadm -a -u [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:5353 -r [2001:db8:aaaa:bbbb:cccc:dddd:eeee:1]:5353 -m
ipvsadm -A -f 1 -s lc -p 120
ipvsadm -a -f 1 -r 10.0.3.1:0 -g
ipvsadm -a -f 1 -r 10.0.3.2:0 -i
ipvsadm -a -f 1 -r 10.0.3.3:0 -i --tun-type gue --tun-port 6080 --tun-csum
ipvsadm -a -f 1 -r 10.0.3.4:0 -i --tun-type gre --tun-csum
ipvsadm -a -f 1 -r 10.0.3.5:0 -i --tun-type gue --tun-port 5555 --tun-nocsum
ipvsadm -A -f 2 -6 -s mh -b mh-fallback,mh-port
ipvsadm -a -f 2 -6 -r [2001:db8::30]:0 -g
ipvsadm -A -f 4294967295 -s sed
ipvsadm -A -f 3000000000 -s nq -p 30 -M 255.255.0.0
ipvsadm -A -t 10.0.0.5:80 -s fo
ipvsadm -a -t 10.0.0.5:80 -r [2001:db8::50]:80 -i
SETUP

while read -r cmd; do
    ip netns exec shapes $cmd || { echo "FAILED: $cmd" >&2; exit 1; }
done <shapes.setup

capture() {  # FILE ARGS...: the listing "ipvsadm ARGS" as FILE
    file=$1
    shift
    {
        sed 's/^/# /' shapes.setup
        echo "# listing: ipvsadm $*"
        ip netns exec shapes ipvsadm "$@"
    } >"$file"
}
capture shapes-Ln.txt -Ln
capture shapes-Ln-nosort.txt -Ln --nosort
capture shapes-Ln-stats.txt -Ln --stats
capture shapes-Ln-rate.txt -Ln --rate
capture shapes-Ln-stats-exact.txt -Ln --stats --exact
capture shapes-Ln-thresholds.txt -Ln --thresholds
capture shapes-Ln-persistent-conn.txt -Ln --persistent-conn
capture shapes-Ln-tun-info.txt -Ln --tun-info
capture shapes-Ln-t.txt -Ln -t 10.0.0.1:80
capture shapes-Ln-t6.txt -Ln -t [2001:db8::1]:80 --thresholds
capture shapes-Ln-f6.txt -Ln -f 2 -6
capture shapes-Ln-sort.txt -Ln --sort
rm shapes.setup
