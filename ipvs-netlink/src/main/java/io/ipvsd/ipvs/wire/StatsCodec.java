package io.ipvsd.ipvs.wire;

import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_CONNS;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_CPS;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_INBPS;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_INBYTES;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_INPKTS;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_INPPS;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_MAX;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_OUTBPS;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_OUTBYTES;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_OUTPKTS;
import static io.ipvsd.ipvs.wire.IpvsGenl.STATS_ATTR_OUTPPS;

import io.ipvsd.ipvs.Stats;
import io.ipvsd.netlink.NetlinkProtocolException;

/**
 * The counters nested in a service or destination. STATS64 (kernel 4.1+) has every counter as
 * u64; the older STATS has u32 counters except the two byte counts. The 64-bit form is preferred.
 */
final class StatsCodec {
    private StatsCodec() {
    }

    /** Reads STATS64 when the owner has it, else STATS, else zeros (a kernel that sends neither). */
    static Stats decode(AttrTable owner, int stats32Type, int stats64Type) throws NetlinkProtocolException {
        if (owner.has(stats64Type)) {
            AttrTable s = owner.nested(stats64Type, STATS_ATTR_MAX, "stats64");
            return new Stats(s.u64(STATS_ATTR_CONNS), s.u64(STATS_ATTR_INPKTS), s.u64(STATS_ATTR_OUTPKTS),
                    s.u64(STATS_ATTR_INBYTES), s.u64(STATS_ATTR_OUTBYTES), s.u64(STATS_ATTR_CPS),
                    s.u64(STATS_ATTR_INPPS), s.u64(STATS_ATTR_OUTPPS), s.u64(STATS_ATTR_INBPS), s.u64(STATS_ATTR_OUTBPS));
        }
        if (owner.has(stats32Type)) {
            AttrTable s = owner.nested(stats32Type, STATS_ATTR_MAX, "stats");
            return new Stats(s.u32(STATS_ATTR_CONNS), s.u32(STATS_ATTR_INPKTS), s.u32(STATS_ATTR_OUTPKTS),
                    s.u64(STATS_ATTR_INBYTES), s.u64(STATS_ATTR_OUTBYTES), s.u32(STATS_ATTR_CPS),
                    s.u32(STATS_ATTR_INPPS), s.u32(STATS_ATTR_OUTPPS), s.u32(STATS_ATTR_INBPS), s.u32(STATS_ATTR_OUTBPS));
        }
        return Stats.ZERO;
    }
}
