package io.ipvsd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.daemon.plan.IpvsChange;
import io.ipvsd.daemon.plan.Operation;
import io.ipvsd.daemon.plan.Plan;
import io.ipvsd.daemon.state.OwnedState;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.IpvsOp;
import io.ipvsd.ipvs.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a pass's changes reach the log: all of a small plan at INFO, a large one capped. */
class ChangeLogTest {
    private static Plan deletions(int count) {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ops.add(new IpvsChange(new IpvsOp.DeleteService(
                    new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("10.0." + i / 256 + "." + i % 256), 80))));
        }
        return new Plan(ops, new OwnedState(Set.of(), Map.of()));
    }

    @Test
    void aPlanUpToTheLimitIsLoggedWholeAtInfo() {
        List<String> info = new ArrayList<>();
        List<String> debug = new ArrayList<>();
        DaemonLoop.logChanges(deletions(DaemonLoop.CHANGES_LOGGED), info::add, debug::add);

        assertEquals(DaemonLoop.CHANGES_LOGGED, info.size());
        assertEquals(deletions(1).render(), info.get(0));
        assertEquals(List.of(), debug);
    }

    @Test
    void pastTheLimitInfoSaysHowManyMoreAndDebugListsThem() {
        List<String> info = new ArrayList<>();
        List<String> debug = new ArrayList<>();
        Plan plan = deletions(DaemonLoop.CHANGES_LOGGED + 3);
        DaemonLoop.logChanges(plan, info::add, debug::add);

        assertEquals(DaemonLoop.CHANGES_LOGGED + 1, info.size());
        assertEquals("... and 3 more changes (the DEBUG log level lists them)", info.get(DaemonLoop.CHANGES_LOGGED));
        List<String> all = List.of(plan.render().split("\n"));
        assertEquals(all.subList(0, DaemonLoop.CHANGES_LOGGED), info.subList(0, DaemonLoop.CHANGES_LOGGED));
        assertEquals(all.subList(DaemonLoop.CHANGES_LOGGED, all.size()), debug);
    }

    @Test
    void withoutDebugTheRestIsNotLogged() {
        List<String> info = new ArrayList<>();
        DaemonLoop.logChanges(deletions(DaemonLoop.CHANGES_LOGGED + 5), info::add, null);

        assertEquals(DaemonLoop.CHANGES_LOGGED + 1, info.size());
    }
}
