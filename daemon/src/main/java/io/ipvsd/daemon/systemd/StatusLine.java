package io.ipvsd.daemon.systemd;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.VirtualServiceConfig;
import io.ipvsd.daemon.desired.DesiredStateBuilder;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.vrrp.runtime.InstanceStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one line `systemctl status` shows under "Status:": services, real servers up of total,
 * the last pass, and the VRRP instances' states. Pure: built from what a pass saw.
 */
public final class StatusLine {
    /** More instances than this are summed up by state ("VRRP 3 MASTER, 2 BACKUP"). */
    static final int NAMED_INSTANCES = 3;
    /** systemd keeps the whole string, but `systemctl status` cuts it at the terminal's width anyway. */
    static final int MAX_LENGTH = 400;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private StatusLine() {
    }

    /**
     * @param health    the health monitor's snapshot; a real server without an entry counts as up
     *                  (as the desired state counts it)
     * @param instances the VRRP instances' states (empty without VRRP)
     */
    public static String of(Config config, Map<TargetKey, TargetStatus> health, TickReport pass,
                            List<InstanceStatus> instances, ZoneId zone) {
        int total = 0;
        int down = 0;
        for (VirtualServiceConfig service : config.services()) {
            total += service.reals().size();
        }
        for (TargetKey key : DesiredStateBuilder.targets(config).keySet()) {
            TargetStatus s = health.get(key);
            if (s != null && !s.up()) {
                down++;
            }
        }
        int up = total - down;
        int services = config.services().size();
        StringBuilder line = new StringBuilder()
                .append(services).append(services == 1 ? " service, " : " services, ")
                .append(up).append('/').append(total).append(" real servers up, last pass ")
                .append(TIME.format(pass.started().atZone(zone).truncatedTo(ChronoUnit.SECONDS)))
                .append(' ').append(outcome(pass));
        if (!instances.isEmpty()) {
            line.append(", VRRP ").append(vrrp(instances));
        }
        return oneLine(line.toString());
    }

    private static String outcome(TickReport pass) {
        if (pass.error() != null) {
            return "failed: " + pass.error();
        }
        if (!pass.failures().isEmpty()) {
            return "applied " + pass.applied() + " changes, " + pass.failures().size() + " refused by the kernel";
        }
        return pass.applied() == 0 ? "in sync" : "applied " + pass.applied() + " changes";
    }

    private static String vrrp(List<InstanceStatus> instances) {
        if (instances.size() <= NAMED_INSTANCES) {
            return instances.stream().map(i -> i.name() + " " + i.state()).collect(Collectors.joining(", "));
        }
        Map<String, Long> byState = new TreeMap<>(instances.stream()
                .collect(Collectors.groupingBy(InstanceStatus::state, Collectors.counting())));
        return byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** STATUS= ends at the datagram's next newline: fold any, and keep it readable. */
    static String oneLine(String text) {
        String folded = text.replaceAll("\\s*\\R\\s*", "; ");
        return folded.length() <= MAX_LENGTH ? folded : folded.substring(0, MAX_LENGTH - 3) + "...";
    }
}
