package io.ipvsd.ipvs;

/**
 * IP_VS_SVC_F_* bits. The kernel sets HASHED on every service it holds, so compare flags only
 * after {@link #comparable(int)}.
 */
public final class ServiceFlags {
    private ServiceFlags() {
    }

    public static final int PERSISTENT = 0x1;
    public static final int HASHED = 0x2;
    public static final int ONEPACKET = 0x4;
    public static final int SCHED1 = 0x8;
    public static final int SCHED2 = 0x10;
    public static final int SCHED3 = 0x20;
    /** sh: fall back to another server when the hashed one is unavailable. */
    public static final int SH_FALLBACK = SCHED1;
    /** sh: hash the source port too. */
    public static final int SH_PORT = SCHED2;
    public static final int MH_FALLBACK = SCHED1;
    public static final int MH_PORT = SCHED2;

    /** The bits ipvsd sets and compares: everything but the kernel-owned HASHED. */
    public static int comparable(int flags) {
        return flags & ~HASHED;
    }
}
