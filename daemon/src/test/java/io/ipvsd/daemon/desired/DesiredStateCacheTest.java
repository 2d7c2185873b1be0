package io.ipvsd.daemon.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.health.CheckResult;
import io.ipvsd.daemon.health.HealthState;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.SyncState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The cache answers exactly as {@link DesiredStateBuilder} would, building only when an input changed. */
class DesiredStateCacheTest {
    private static final AddressServiceKey API = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.30"), 80);
    private static final TargetKey API1 = new TargetKey(API.toString(), Endpoints.parseAddress("198.51.100.21"), 8080);
    private static final Predicate<String> BACKUP = instance -> false;

    private final DesiredStateCache cache = new DesiredStateCache();

    private static Config example() {
        return ((LoadResult.Loaded) ConfigLoader.load(Path.of("../examples/ipvsd.toml"))).config();
    }

    private static TargetStatus status(HealthState state, String lastReason, int weight) {
        return new TargetStatus(state, CheckResult.success(lastReason), 1, Instant.EPOCH, weight);
    }

    @Test
    void theSameInputsGiveTheSameResultWithoutBuilding() {
        Config config = example();
        DesiredStateBuilder.Result first = cache.build(config, Map.of(), Map.of(), BACKUP);
        assertSame(first, cache.build(config, Map.of(), Map.of(), BACKUP));
        assertEquals(DesiredStateBuilder.build(config, Map.of(), Map.of(), BACKUP), first);
    }

    @Test
    void aNewFileIsBuiltEvenWhenItsContentIsEqual() {
        DesiredStateBuilder.Result first = cache.build(example(), Map.of(), Map.of(), BACKUP);
        DesiredStateBuilder.Result second = cache.build(example(), Map.of(), Map.of(), BACKUP);
        assertNotSame(first, second);
        assertEquals(first, second);
    }

    @Test
    void onlyUpDownAndWeightOfAHealthStatusCount() {
        Config config = example();
        DesiredStateBuilder.Result first = cache.build(config, Map.of(API1, status(HealthState.UP, "connected", 1)),
                Map.of(), BACKUP);
        // Another check result with the same outcome: nothing a pool decision reads has changed.
        assertSame(first, cache.build(config, Map.of(API1, status(HealthState.UP, "connected again", 1)), Map.of(), BACKUP));

        Map<TargetKey, TargetStatus> down = Map.of(API1, status(HealthState.DOWN, "refused", 1));
        DesiredStateBuilder.Result afterDown = cache.build(config, down, Map.of(), BACKUP);
        assertEquals(DesiredStateBuilder.build(config, down, Map.of(), BACKUP), afterDown);
        assertEquals(Set.of(Endpoints.parseAddress("198.51.100.22")), afterDown.state().services().get(API).destinations()
                .keySet().stream().map(d -> d.address()).collect(java.util.stream.Collectors.toSet()));

        Map<TargetKey, TargetStatus> reweighted = Map.of(API1, status(HealthState.UP, "connected", 5));
        DesiredStateBuilder.Result afterWeight = cache.build(config, reweighted, Map.of(), BACKUP);
        assertEquals(DesiredStateBuilder.build(config, reweighted, Map.of(), BACKUP), afterWeight);
    }

    @Test
    void aChangedQuorumStateOrVrrpStateIsBuiltAgain() {
        Config config = example();
        DesiredStateBuilder.Result first = cache.build(config, Map.of(), Map.of(), BACKUP);
        DesiredStateBuilder.Result quorumLost = cache.build(config, Map.of(), Map.of(API, false), BACKUP);
        assertNotSame(first, quorumLost);
        assertEquals(DesiredStateBuilder.build(config, Map.of(), Map.of(API, false), BACKUP), quorumLost);

        // The example's sync daemon follows VI_1: master there makes it a master sync daemon.
        assertEquals(SyncState.BACKUP, quorumLost.state().syncDaemon().state());
        DesiredStateBuilder.Result master = cache.build(config, Map.of(), Map.of(API, false), "VI_1"::equals);
        assertEquals(SyncState.MASTER, master.state().syncDaemon().state());
    }
}
