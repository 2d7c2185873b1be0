package io.ipvsd.daemon.desired;

import io.ipvsd.daemon.config.AddressKey;
import io.ipvsd.daemon.config.FwmarkKey;
import io.ipvsd.daemon.config.Method;
import io.ipvsd.daemon.config.SchedulerFlag;
import io.ipvsd.daemon.config.TunnelConfig;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;

/**
 * Translates the config file's vocabulary (dr/nat/tun, sh-port, persistence tables) into the
 * kernel's (forwarding methods, flag bits, netmasks), including the values the kernel reports
 * for settings a config leaves out, so that a matching kernel compares equal.
 */
public final class KernelTerms {
    /** ipvsadm's netmasks for a service without persistence: one client address. */
    private static final long IPV4_HOST_MASK = 0xffffffffL;
    private static final long IPV6_HOST_PREFIX = 128;

    private KernelTerms() {
    }

    public static ServiceKey serviceKey(io.ipvsd.daemon.config.ServiceKey key) {
        if (key instanceof AddressKey a) {
            return new AddressServiceKey(Protocol.valueOf(a.protocol().name()), a.address(), a.port());
        }
        FwmarkKey f = (FwmarkKey) key;
        return new FwmarkServiceKey(f.family() == io.ipvsd.daemon.config.Family.IPV6 ? AddressFamily.INET6 : AddressFamily.INET,
                f.fwmark());
    }

    public static ServiceSettings serviceSettings(VirtualServiceConfig s, AddressFamily family) {
        int flags = 0;
        int timeout = 0;
        long netmask = family == AddressFamily.INET6 ? IPV6_HOST_PREFIX : IPV4_HOST_MASK;
        if (s.persistence() != null) {
            flags |= ServiceFlags.PERSISTENT;
            timeout = s.persistence().timeoutSeconds();
            netmask = s.persistence().netmask();
        }
        if (s.onePacket()) {
            flags |= ServiceFlags.ONEPACKET;
        }
        for (SchedulerFlag f : s.schedulerFlags()) {
            flags |= switch (f) {
                case SH_FALLBACK -> ServiceFlags.SH_FALLBACK;
                case SH_PORT -> ServiceFlags.SH_PORT;
                case MH_FALLBACK -> ServiceFlags.MH_FALLBACK;
                case MH_PORT -> ServiceFlags.MH_PORT;
            };
        }
        return new ServiceSettings(s.scheduler(), flags, timeout, netmask, s.persistenceEngine());
    }

    public static ForwardingMethod method(Method m) {
        return switch (m) {
            case DR -> ForwardingMethod.ROUTE;
            case NAT -> ForwardingMethod.MASQ;
            case TUN -> ForwardingMethod.TUNNEL;
        };
    }

    /** The tunnel settings for a TUN real server, null for the other methods. */
    public static Tunnel tunnel(TunnelConfig t) {
        if (t == null) {
            return null;
        }
        int flags = switch (t.checksum()) {
            case NONE -> 0;
            case CSUM -> Tunnel.FLAG_CSUM;
            case REMCSUM -> Tunnel.FLAG_REMCSUM;
        };
        return new Tunnel(TunnelType.valueOf(t.type().name()), t.port(), flags);
    }
}
