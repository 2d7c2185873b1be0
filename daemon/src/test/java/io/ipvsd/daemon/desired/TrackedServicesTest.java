package io.ipvsd.daemon.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.daemon.health.HealthState;
import io.ipvsd.daemon.health.TargetKey;
import io.ipvsd.daemon.health.TargetStatus;
import io.ipvsd.daemon.plan.DesiredState;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.SyncState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** track_service and the sync daemon that follows an instance, from a file to what the daemon acts on. */
class TrackedServicesTest {
    private static final String FILE = """
            [ipvs.sync_daemon]
            vrrp_instance = "VI_1"
            interface = "eth0"

            [[vrrp_instance]]
            name = "VI_1"
            interface = "eth0"
            virtual_router_id = 51
            virtual_ipaddress = ["192.0.2.100/24"]
            track_service = ["web"]

            [[service]]
            name = "web"
            protocol = "tcp"
            address = "192.0.2.100"
            port = 80
              [[service.real]]
              address = "198.51.100.1"
              [[service.real]]
              address = "198.51.100.2"
            """;

    private static Config config() {
        LoadResult r = ConfigLoader.parse(FILE, "t.toml");
        if (r instanceof LoadResult.Failed f) {
            throw new AssertionError(f.errors().toString());
        }
        return ((LoadResult.Loaded) r).config();
    }

    private static TargetKey real(String address) {
        return new TargetKey("TCP 192.0.2.100:80", Endpoints.parseAddress(address), 80);
    }

    private static TargetStatus down() {
        return new TargetStatus(HealthState.DOWN, null, 3, Instant.EPOCH, 1);
    }

    @Test
    void anInstanceFaultsOnlyWhenNoRealServerOfItsTrackedServiceIsUp() {
        assertEquals(Map.of(), TrackedServices.faults(config(), Map.of()));
        assertEquals(Map.of(), TrackedServices.faults(config(), Map.of(real("198.51.100.1"), down())));
        assertEquals(Map.of("VI_1", Set.of("tracked service web has no real server up")),
                TrackedServices.faults(config(), Map.of(real("198.51.100.1"), down(), real("198.51.100.2"), down())));
    }

    @Test
    void theSyncDaemonIsMasterExactlyWhileTheInstanceIsMaster() {
        DesiredState master = DesiredStateBuilder.build(config(), Map.of(), Map.of(), "VI_1"::equals).state();
        assertEquals(SyncState.MASTER, master.syncDaemon().state());
        DesiredState backup = DesiredStateBuilder.build(config(), Map.of(), Map.of(), name -> false).state();
        assertEquals(SyncState.BACKUP, backup.syncDaemon().state());
        assertEquals(true, backup.stopOtherSyncDaemon());
    }
}
