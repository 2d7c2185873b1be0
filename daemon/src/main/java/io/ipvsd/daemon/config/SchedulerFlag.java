package io.ipvsd.daemon.config;

/**
 * Scheduler flags (ipvsadm -b). The kernel has anonymous bits whose meaning depends on the
 * scheduler (io.ipvsd.ipvs.ServiceFlags), so each flag names the one scheduler it is for.
 */
public enum SchedulerFlag {
    SH_FALLBACK("sh"),
    SH_PORT("sh"),
    MH_FALLBACK("mh"),
    MH_PORT("mh");

    private final String scheduler;

    SchedulerFlag(String scheduler) {
        this.scheduler = scheduler;
    }

    public String scheduler() {
        return scheduler;
    }
}
