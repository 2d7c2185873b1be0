package io.ipvsd.cli.list;

import io.ipvsd.ipvs.SyncDaemon;
import io.ipvsd.ipvs.Timeouts;
import java.util.List;

/**
 * The two global listings of ipvsadm, byte for byte: {@code ipvsadm -L --timeout} and
 * {@code ipvsadm -L --daemon}. ipvsadm prints a sync daemon's optional settings only when the
 * kernel reports them non-zero.
 */
final class IpvsSettingsText {
    private IpvsSettingsText() {
    }

    static String timeouts(Timeouts t) {
        return "Timeout (tcp tcpfin udp): " + t.tcp() + " " + t.tcpFin() + " " + t.udp() + "\n";
    }

    /** One line per running daemon, in the kernel's order; nothing when none runs. */
    static String syncDaemons(List<SyncDaemon> daemons) {
        StringBuilder out = new StringBuilder();
        for (SyncDaemon d : daemons) {
            out.append(d.state().label()).append(" sync daemon (mcast=").append(d.interfaceName())
                    .append(", syncid=").append(d.syncId());
            if (d.maxLength() != 0) {
                out.append(", maxlen=").append(d.maxLength());
            }
            if (d.group() != null) {
                out.append(", group=").append(AddressText.address(d.group()));
            }
            if (d.port() != 0) {
                out.append(", port=").append(d.port());
            }
            if (d.ttl() != 0) {
                out.append(", ttl=").append(d.ttl());
            }
            out.append(")\n");
        }
        return out.toString();
    }
}
