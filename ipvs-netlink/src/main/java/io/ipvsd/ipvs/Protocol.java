package io.ipvsd.ipvs;

/** The transport protocols IPVS balances (IPPROTO_* numbers). */
public enum Protocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    /** values() copies its array on every call, and every decoded reply looks one up. */
    private static final Protocol[] DECODABLE = values();

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Protocol fromNumber(int number) {
        for (Protocol p : DECODABLE) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown IPVS protocol " + number);
    }
}
