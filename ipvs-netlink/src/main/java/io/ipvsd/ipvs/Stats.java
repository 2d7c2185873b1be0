package io.ipvsd.ipvs;

/**
 * Traffic counters and rate estimates of a service or destination (IPVS_SVC_ATTR_STATS64 when the
 * kernel has it, else the 32-bit IPVS_SVC_ATTR_STATS). Rates are per second; bytes rates in bytes/s.
 */
public record Stats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                    long connectionRate, long inPacketRate, long outPacketRate, long inByteRate, long outByteRate) {
    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
