package io.ipvsd.daemon.metrics;

import io.ipvsd.daemon.plan.IpvsChange;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.daemon.plan.SetSysctl;
import io.ipvsd.daemon.plan.SetTimeouts;
import io.ipvsd.daemon.plan.StartSyncDaemon;
import io.ipvsd.daemon.plan.StopSyncDaemon;
import io.ipvsd.daemon.plan.SyncFirewall;
import io.ipvsd.ipvs.IpvsOp;
import java.util.List;

/** The {@code kind} label of an operation: what it changes, in the README's words. */
final class OperationKind {
    static final List<String> ALL = List.of("add_service", "edit_service", "delete_service", "add_real_server",
            "edit_real_server", "delete_real_server", "sysctl", "timeouts", "start_sync_daemon", "stop_sync_daemon",
            "firewall");

    private OperationKind() {
    }

    static String of(Operation op) {
        if (op instanceof IpvsChange c) {
            IpvsOp o = c.op();
            if (o instanceof IpvsOp.AddService) {
                return "add_service";
            } else if (o instanceof IpvsOp.EditService) {
                return "edit_service";
            } else if (o instanceof IpvsOp.DeleteService) {
                return "delete_service";
            } else if (o instanceof IpvsOp.AddDestination) {
                return "add_real_server";
            } else if (o instanceof IpvsOp.EditDestination) {
                return "edit_real_server";
            } else if (o instanceof IpvsOp.DeleteDestination) {
                return "delete_real_server";
            }
        } else if (op instanceof SetSysctl) {
            return "sysctl";
        } else if (op instanceof SetTimeouts) {
            return "timeouts";
        } else if (op instanceof StartSyncDaemon) {
            return "start_sync_daemon";
        } else if (op instanceof StopSyncDaemon) {
            return "stop_sync_daemon";
        } else if (op instanceof SyncFirewall) {
            return "firewall";
        }
        // Operation and IpvsOp are sealed and every type is named above.
        throw new IllegalArgumentException("no kind for " + op.render());
    }

    /**
     * A change the planner makes on its own schedule with an unchanged file and health: the end
     * of a drain. Not a correction of drift.
     */
    static boolean scheduled(Operation op) {
        return op instanceof IpvsChange c && c.op() instanceof IpvsOp.DeleteDestination d && d.reason() != null;
    }
}
