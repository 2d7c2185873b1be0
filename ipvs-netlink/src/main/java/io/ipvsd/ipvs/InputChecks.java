package io.ipvsd.ipvs;

import io.ipvsd.ipvs.wire.IpvsGenl;
import java.net.Inet4Address;
import java.util.Objects;

/**
 * What is checked before anything is sent: the limits ipvsadm 1.31 enforces (measured in the VM),
 * and the rules the kernel would refuse with a bare EINVAL or ERANGE that says nothing about which
 * value was wrong. Rules of the configuration (e.g. a DR real server's port) are not here.
 */
final class InputChecks {
    /** ipvsadm takes weights and thresholds up to INT_MAX (a weight of 70000 is accepted). */
    static final int MAX_WEIGHT = Integer.MAX_VALUE;
    static final long MAX_THRESHOLD = Integer.MAX_VALUE;
    /** ipvsadm's MAX_TIMEOUT, 31 days, for -p and for --set. */
    static final int MAX_TIMEOUT = 86400 * 31;

    private static final int KNOWN_FLAGS = ServiceFlags.PERSISTENT | ServiceFlags.ONEPACKET
            | ServiceFlags.SCHED1 | ServiceFlags.SCHED2 | ServiceFlags.SCHED3;

    private InputChecks() {
    }

    static void service(ServiceKey key, ServiceSettings s) {
        Objects.requireNonNull(key, "service");
        Objects.requireNonNull(s, "service settings");
        name("scheduler", s.scheduler(), false);
        name("persistence engine", s.peName(), true);
        if ((s.flags() & ~KNOWN_FLAGS) != 0) {
            fail(key, "unknown flags 0x" + Integer.toHexString(s.flags() & ~KNOWN_FLAGS));
        }
        int minTimeout = s.persistent() ? 1 : 0;
        if (s.timeout() < minTimeout || s.timeout() > MAX_TIMEOUT) {
            fail(key, "persistence timeout " + s.timeout() + " is outside " + minTimeout + ".." + MAX_TIMEOUT);
        }
        // An IPv6 service's netmask is a prefix length, which the kernel checks even without persistence.
        boolean ipv6 = key.family() == AddressFamily.INET6;
        if (s.netmask() < (ipv6 ? 1 : 0) || s.netmask() > (ipv6 ? 128 : 0xffffffffL)) {
            fail(key, "netmask " + s.netmask() + " is outside " + (ipv6 ? "1..128" : "0..0xffffffff"));
        }
        if (key instanceof AddressServiceKey a) {
            if (a.port() == 0 && !s.persistent()) {
                fail(key, "port 0 (all ports) needs a persistent service");
            }
            if ((s.flags() & ServiceFlags.ONEPACKET) != 0 && a.protocol() != Protocol.UDP) {
                fail(key, "one-packet scheduling is only for UDP services");
            }
        }
    }

    static void destination(ServiceKey service, DestinationKey key, DestinationSettings s) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(key, "destination");
        Objects.requireNonNull(s, "destination settings");
        Objects.requireNonNull(s.method(), "forwarding method");
        String what = "destination " + key + " of " + service;
        port(what, key.port());
        if (s.weight() < 0) {
            fail(what, "weight " + s.weight() + " is outside 0.." + MAX_WEIGHT);
        }
        if (s.upperThreshold() < 0 || s.upperThreshold() > MAX_THRESHOLD
                || s.lowerThreshold() < 0 || s.lowerThreshold() > MAX_THRESHOLD) {
            fail(what, "thresholds must be within 0.." + MAX_THRESHOLD);
        }
        // The kernel compares them even when the upper one is 0 (no limit): ERANGE.
        if (s.lowerThreshold() > s.upperThreshold()) {
            fail(what, "lower threshold " + s.lowerThreshold() + " is above upper threshold " + s.upperThreshold());
        }
        if (AddressFamily.of(key.address()) != service.family() && s.method() != ForwardingMethod.TUNNEL) {
            fail(what, "a real server of another address family needs the tunnel method");
        }
        tunnel(what, s);
    }

    private static void tunnel(String what, DestinationSettings s) {
        Tunnel t = s.tunnel();
        if (s.method() != ForwardingMethod.TUNNEL) {
            if (t != null) {
                fail(what, "tunnel options need the tunnel method");
            }
            return;
        }
        Objects.requireNonNull(t.type(), "tunnel type");
        if (t.type() == TunnelType.GUE ? t.port() < 1 || t.port() > 65535 : t.port() != 0) {
            fail(what, t.type() == TunnelType.GUE ? "a GUE tunnel needs a port in 1..65535" : "only a GUE tunnel has a port");
        }
        if (t.flags() != 0 && t.flags() != Tunnel.FLAG_CSUM && t.flags() != Tunnel.FLAG_REMCSUM) {
            fail(what, "tunnel flags must be 0, CSUM or REMCSUM, not " + t.flags());
        }
        if (t.flags() == Tunnel.FLAG_REMCSUM && t.type() != TunnelType.GUE) {
            fail(what, "remote checksum offload needs a GUE tunnel");
        }
    }

    static void timeouts(Timeouts t) {
        for (int v : new int[] {t.tcp(), t.tcpFin(), t.udp()}) {
            if (v < 0 || v > MAX_TIMEOUT) {
                throw new IllegalArgumentException("timeouts " + t + ": each must be within 0.." + MAX_TIMEOUT + " s");
            }
        }
    }

    static void syncDaemon(SyncDaemon d) {
        Objects.requireNonNull(d.state(), "sync daemon state");
        String what = d.state().label() + " sync daemon";
        name(what + " interface", d.interfaceName(), false);
        if (d.syncId() < 0 || d.syncId() > 255) {
            fail(what, "sync id " + d.syncId() + " is outside 0..255");
        }
        if (d.maxLength() < 0 || d.maxLength() > 65535) {
            fail(what, "maximum length " + d.maxLength() + " is outside 0..65535");
        }
        port(what, d.port());
        if (d.ttl() < 0 || d.ttl() > 255) {
            fail(what, "multicast TTL " + d.ttl() + " is outside 0..255");
        }
        if (d.group() != null && !d.group().isMulticastAddress()) {
            fail(what, (d.group() instanceof Inet4Address ? "IPv4" : "IPv6") + " group " + d.group().getHostAddress()
                    + " is not a multicast address");
        }
    }

    private static void port(String what, int port) {
        if (port < 0 || port > 65535) {
            fail(what, "port " + port + " is outside 0..65535");
        }
    }

    /** Scheduler, engine and interface names: the kernel's 16-byte fields, NUL included. */
    private static void name(String what, String value, boolean optional) {
        if (value == null || value.isEmpty()) {
            if (!optional) {
                throw new IllegalArgumentException(what + " name is missing");
            }
            return;
        }
        if (value.length() > IpvsGenl.NAME_MAX_CHARS || !value.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException(what + " name \"" + value + "\" is not 1.." + IpvsGenl.NAME_MAX_CHARS
                    + " printable ASCII characters");
        }
    }

    private static void fail(Object what, String problem) {
        throw new IllegalArgumentException(what + ": " + problem);
    }
}
