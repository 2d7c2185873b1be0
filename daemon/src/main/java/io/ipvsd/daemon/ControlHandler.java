package io.ipvsd.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.state.StateFile;
import io.ipvsd.daemon.vrrp.runtime.VrrpRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers the control socket's requests: {@code status}, and {@code reload} (with
 * {@code --allow-removal} to confirm removals), which waits for the loop's reload and answers
 * {@code {"result": "accepted", "generation": N}}, or {@code rejected} with the file's errors, or
 * {@code refused}/{@code failed} with the reason.
 */
final class ControlHandler implements Function<String, String> {
    /** A reload waits for the pass that may be running; beyond this the client is told so. */
    static final Duration RELOAD_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DaemonLoop loop;
    private final Status status;
    private final Supplier<Map<TargetKey, TargetStatus>> health;
    /** The version of state.json last checked, and what was wrong with it (null: nothing). */
    private FileStamp stateFileChecked;
    private String stateFileError;

    ControlHandler(DaemonLoop loop, Status status, Supplier<Map<TargetKey, TargetStatus>> health) {
        this.loop = loop;
        this.status = status;
        this.health = health;
    }

    @Override
    public String apply(String request) {
        return switch (request) {
            case "status" -> status();
            case "reload" -> reload(false);
            case "reload --allow-removal" -> reload(true);
            default -> error("unknown request; try: status, reload, reload --allow-removal");
        };
    }

    private String status() {
        status.stateFileChecked(stateFileError());
        VrrpRuntime v = loop.vrrp();
        return status.toJson(health.get(), v == null ? List.of() : v.status(), v == null ? Map.of() : v.addresses());
    }

    /**
     * Checked on status requests, read again only when the file has changed: a corrupt file fails
     * every pass, and says so here first; at 10,000 services reading it on every request would put
     * a pass's worth of parsing on the control thread.
     */
    private synchronized String stateFileError() {
        StateFile file = new StateFile(loop.stateDir());
        FileStamp stamp;
        try {
            stamp = FileStamp.of(file.path());
        } catch (IOException e) {
            return null; // none yet
        }
        if (!stamp.equals(stateFileChecked)) {
            stateFileChecked = stamp;
            try {
                file.load();
                stateFileError = null;
            } catch (IOException e) {
                stateFileError = e.getMessage() + "; every pass fails until it is repaired or removed";
            }
        }
        return stateFileError;
    }

    private String reload(boolean allowRemoval) {
        ReloadOutcome outcome;
        try {
            outcome = loop.requestReload(allowRemoval).get(RELOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return error("the daemon did not reload within " + RELOAD_WAIT.toSeconds() + " s; it will when its pass ends");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("interrupted");
        } catch (ExecutionException e) {
            return error(String.valueOf(e.getCause()));
        }
        ObjectNode answer = JSON.createObjectNode();
        if (outcome instanceof ReloadOutcome.Accepted accepted) {
            answer.put("result", "accepted");
            answer.put("generation", accepted.generation());
        } else if (outcome instanceof ReloadOutcome.Rejected rejected) {
            answer.put("result", "rejected");
            ArrayNode errors = answer.putArray("errors");
            rejected.errors().forEach(e -> errors.add(e.toString()));
        } else if (outcome instanceof ReloadOutcome.Refused refused) {
            answer.put("result", "refused");
            answer.put("reason", refused.reason());
        } else if (outcome instanceof ReloadOutcome.Failed failed) {
            answer.put("result", "failed");
            answer.put("reason", failed.reason());
        }
        return answer.toString();
    }

    private static String error(String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("error", message);
        return answer.toString();
    }
}
