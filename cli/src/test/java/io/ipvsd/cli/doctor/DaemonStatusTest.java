package io.ipvsd.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.doctor.Facts.DaemonView;
import io.ipvsd.cli.doctor.Facts.Health;
import io.ipvsd.cli.doctor.Facts.Vrrp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's status JSON (as Status.toJson writes it) read into doctor's facts. */
class DaemonStatusTest {
    @Test
    void healthAndVrrpInstances() throws Exception {
        DaemonView v = DaemonStatus.parse("""
                {"config": "/etc/ipvsd/ipvsd.toml", "config_generation": 1,
                 "health": [
                   {"service": "TCP 192.0.2.10:80", "real_server": "10.0.0.2:80", "state": "DOWN", "weight": 0,
                    "since": "2026-01-01T00:00:00Z", "last_result": "failed", "reason": "connection refused", "consecutive": 3},
                   {"service": "TCP 192.0.2.10:80", "real_server": "10.0.0.3:80", "state": "UP", "weight": 1,
                    "since": "2026-01-01T00:00:00Z"}],
                 "vrrp": [{"name": "VI_1", "interface": "eth0", "vrid": 51, "version": 2, "state": "MASTER", "priority": 100,
                   "effective_priority": 100, "master": "192.0.2.1", "since": "2026-01-01T00:00:00Z", "faults": [],
                   "adverts_sent": 10, "adverts_received": 3, "dropped": {"auth_password": 3},
                   "warnings": ["192.0.2.10 is also held by 52:54:00:00:00:02: ..."]}],
                 "addresses": []}
                """);
        assertEquals("/etc/ipvsd/ipvsd.toml", v.configPath());
        assertEquals(List.of(new Health("TCP 192.0.2.10:80", "10.0.0.2:80", false, "connection refused"),
                new Health("TCP 192.0.2.10:80", "10.0.0.3:80", true, "")), v.health());
        assertEquals(List.of(new Vrrp("VI_1", "eth0", 51, "MASTER", List.of(), Map.of("auth_password", 3L),
                List.of("192.0.2.10 is also held by 52:54:00:00:00:02: ..."))), v.vrrp());
    }
}
