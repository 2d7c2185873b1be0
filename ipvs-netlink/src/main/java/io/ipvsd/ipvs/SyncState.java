package io.ipvsd.ipvs;

/** The role of a connection sync daemon (IP_VS_STATE_MASTER / IP_VS_STATE_BACKUP). */
public enum SyncState {
    MASTER(1),
    BACKUP(2);

    private final int value;

    SyncState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static SyncState fromValue(long value) {
        for (SyncState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sync daemon state " + value);
    }

    /** "master" / "backup", as ipvsadm names them. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
