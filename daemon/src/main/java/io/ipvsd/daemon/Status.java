package io.ipvsd.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipvsd.daemon.config.ConfigError;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.reconcile.OperationFailure;
import io.ipvsd.daemon.reconcile.TickReport;
import io.ipvsd.daemon.vrrp.runtime.InstanceStatus;
import io.ipvsd.daemon.vrrp.runtime.ManagedAddress;
import io.ipvsd.ipvs.UnreadService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the daemon reports on its control socket: config generation and errors, the last tick,
 * totals, and every real server's health. Built from immutable snapshots, rendered as JSON.
 */
final class Status {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path configPath;
    private final Instant startedAt;
    private long generation;
    private List<ConfigError> configErrors = List.of();
    private Instant configErrorAt;
    private LastTick lastTick;
    private long ticks;
    private long operationsApplied;
    private long failures;
    private String removalRefused;
    private Instant removalRefusedAt;
    private long tickErrors;
    private String lastTickError;
    private Instant lastTickErrorAt;
    private String stateFileError;

    Status(Path configPath, Instant startedAt) {
        this.configPath = configPath;
        this.startedAt = startedAt;
    }

    synchronized void configLoaded() {
        generation++;
        configErrors = List.of();
        configErrorAt = null;
        removalRefused = null;
        removalRefusedAt = null;
    }

    synchronized long generation() {
        return generation;
    }

    /** A valid file that would remove too many services waits for the operator's confirmation. */
    synchronized void removalRefused(String reason, Instant at) {
        removalRefused = reason;
        removalRefusedAt = at;
    }

    /** A pass that failed on a bug of ipvsd's, outside the reconcile's own error handling. */
    synchronized void tickFailed(String error, Instant at) {
        tickErrors++;
        lastTickError = error;
        lastTickErrorAt = at;
    }

    /** Why state.json cannot be read (every pass fails until it is repaired), or null. */
    synchronized void stateFileChecked(String error) {
        stateFileError = error;
    }

    synchronized void configRejected(List<ConfigError> errors, Instant at) {
        configErrors = List.copyOf(errors);
        configErrorAt = at;
    }

    /**
     * What status shows of the last pass: not its plan or observation, which at 10,000 services
     * would stay live through the next pass beside that pass's own.
     */
    private record LastTick(Instant started, Duration duration, Duration reading, TickReport.RealServerReads reads,
                            int planned, int applied, List<OperationFailure> failures, String error,
                            List<UnreadService> unread) {
    }

    synchronized void ticked(TickReport report) {
        lastTick = new LastTick(report.started(), report.duration(), report.reading(), report.reads(),
                report.plan() == null ? 0 : report.plan().operations().size(), report.applied(), report.failures(),
                report.error(), report.unread());
        ticks++;
        operationsApplied += report.applied();
        failures += report.failures().size() + (report.error() == null ? 0 : 1);
    }

    synchronized String toJson(Map<TargetKey, TargetStatus> health, List<InstanceStatus> vrrp,
                               Map<ManagedAddress, Boolean> addresses) {
        ObjectNode root = JSON.createObjectNode();
        root.put("config", configPath.toString());
        root.put("config_generation", generation);
        root.put("started", startedAt.toString());
        if (configErrorAt != null) {
            ObjectNode rejected = root.putObject("config_rejected");
            rejected.put("at", configErrorAt.toString());
            ArrayNode errs = rejected.putArray("errors");
            configErrors.forEach(e -> errs.add(e.toString()));
        }
        if (removalRefused != null) {
            ObjectNode refused = root.putObject("reload_refused");
            refused.put("at", removalRefusedAt.toString());
            refused.put("reason", removalRefused);
        }
        if (stateFileError != null) {
            root.put("state_file_error", stateFileError);
        }
        root.put("ticks", ticks);
        root.put("tick_errors", tickErrors);
        if (lastTickError != null) {
            ObjectNode e = root.putObject("last_tick_error");
            e.put("at", lastTickErrorAt.toString());
            e.put("error", lastTickError);
        }
        root.put("operations_applied", operationsApplied);
        root.put("failures", failures);
        if (lastTick != null) {
            ObjectNode t = root.putObject("last_tick");
            t.put("started", lastTick.started().toString());
            t.put("duration_ms", lastTick.duration().toNanos() / 1e6);
            t.put("reading_ms", lastTick.reading().toNanos() / 1e6);
            t.put("real_servers_read", lastTick.reads().read());
            if (lastTick.reads().oldest() != null) {
                t.put("oldest_real_server_reading", lastTick.reads().oldest().toString());
            }
            t.put("planned", lastTick.planned());
            t.put("applied", lastTick.applied());
            ArrayNode f = t.putArray("failures");
            for (OperationFailure failure : lastTick.failures()) {
                f.add(failure.toString());
            }
            if (lastTick.error() != null) {
                t.put("error", lastTick.error());
            }
        }
        // Foreign services the last pass could not read fully: left alone, and named here.
        ArrayNode unread = root.putArray("unread_services");
        if (lastTick != null) {
            lastTick.unread().forEach(u -> unread.addObject().put("service", u.what()).put("reason", u.reason()));
        }
        ArrayNode h = root.putArray("health");
        health.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().toString())).forEach(e -> {
            ObjectNode n = h.addObject();
            n.put("service", e.getKey().service());
            n.put("real_server", e.getKey().realServerText());
            TargetStatus s = e.getValue();
            n.put("state", s.state().name());
            n.put("weight", s.weight());
            n.put("since", s.lastChange().toString());
            if (s.lastResult() != null) {
                n.put("last_result", s.lastResult().ok() ? "ok" : "failed");
                n.put("reason", s.lastResult().reason());
                n.put("consecutive", s.consecutive());
            }
        });
        vrrp(root.putArray("vrrp"), vrrp);
        addresses(root.putArray("addresses"), addresses);
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("status is not serializable", e);
        }
    }

    private static void vrrp(ArrayNode out, List<InstanceStatus> instances) {
        for (InstanceStatus i : instances) {
            ObjectNode n = out.addObject();
            n.put("name", i.name());
            n.put("interface", i.interfaceName());
            n.put("vrid", i.vrid());
            n.put("version", i.version());
            n.put("state", i.state());
            n.put("priority", i.priority());
            n.put("effective_priority", i.effectivePriority());
            n.put("master", i.master());
            n.put("since", i.since().toString());
            i.faults().forEach(n.putArray("faults")::add);
            n.put("adverts_sent", i.advertsSent());
            n.put("adverts_received", i.advertsReceived());
            ObjectNode dropped = n.putObject("dropped");
            i.dropped().forEach(dropped::put);
            i.warnings().forEach(n.putArray("warnings")::add);
        }
    }

    private static void addresses(ArrayNode out, Map<ManagedAddress, Boolean> addresses) {
        addresses.entrySet().stream().sorted(Comparator.comparing(e -> e.getKey().dev() + " " + e.getKey().cidr()))
                .forEach(e -> {
                    ObjectNode n = out.addObject();
                    n.put("address", e.getKey().cidr());
                    n.put("dev", e.getKey().dev());
                    n.put("label", e.getKey().label());
                    n.put("owner", e.getKey().owner());
                    n.put("present", e.getValue());
                });
    }
}
