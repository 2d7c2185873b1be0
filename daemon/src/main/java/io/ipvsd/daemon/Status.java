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
import java.nio.file.Path;
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
    private TickReport lastTick;
    private long ticks;
    private long operationsApplied;
    private long failures;

    Status(Path configPath, Instant startedAt) {
        this.configPath = configPath;
        this.startedAt = startedAt;
    }

    synchronized void configLoaded() {
        generation++;
        configErrors = List.of();
        configErrorAt = null;
    }

    synchronized void configRejected(List<ConfigError> errors, Instant at) {
        configErrors = List.copyOf(errors);
        configErrorAt = at;
    }

    synchronized void ticked(TickReport report) {
        lastTick = report;
        ticks++;
        operationsApplied += report.applied();
        failures += report.failures().size() + (report.error() == null ? 0 : 1);
    }

    synchronized String toJson(Map<TargetKey, TargetStatus> health) {
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
        root.put("ticks", ticks);
        root.put("operations_applied", operationsApplied);
        root.put("failures", failures);
        if (lastTick != null) {
            ObjectNode t = root.putObject("last_tick");
            t.put("started", lastTick.started().toString());
            t.put("duration_ms", lastTick.duration().toNanos() / 1e6);
            t.put("planned", lastTick.plan() == null ? 0 : lastTick.plan().operations().size());
            t.put("applied", lastTick.applied());
            ArrayNode f = t.putArray("failures");
            for (OperationFailure failure : lastTick.failures()) {
                f.add(failure.toString());
            }
            if (lastTick.error() != null) {
                t.put("error", lastTick.error());
            }
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
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("status is not serializable", e);
        }
    }
}
