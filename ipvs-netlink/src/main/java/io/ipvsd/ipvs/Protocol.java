package io.ipvsd.ipvs;

/** The transport protocols IPVS balances (IPPROTO_* numbers). */
public enum Protocol {
    TCP(6),
    UDP(17),
    SCTP(132);

    private final int number;

    Protocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Protocol fromNumber(int number) {
        for (Protocol p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown IPVS protocol " + number);
    }
}
