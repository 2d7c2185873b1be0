package io.ipvsd.daemon.config;

import static io.ipvsd.daemon.config.ConfigTesting.config;
import static io.ipvsd.daemon.config.ConfigTesting.error;
import static io.ipvsd.daemon.config.ConfigTesting.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.ipvs.Endpoints;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsSectionTest {
    @Test
    void offByDefaultAndLoopbackWhenOn() {
        assertEquals(new MetricsSettings(false, InetAddress.getLoopbackAddress(), 9410, 10_000), config("").metrics());
        assertEquals(new MetricsSettings(true, InetAddress.getLoopbackAddress(), 9410, 10_000),
                config("[metrics]\nenabled = true\n").metrics());
    }

    @Test
    void everyKey() {
        assertEquals(new MetricsSettings(true, Endpoints.parseAddress("::"), 9100, 0), config("""
                [metrics]
                enabled = true
                address = "::"
                port = 9100
                max_real_servers = 0
                """).metrics());
    }

    @Test
    void badValuesNameTheirPlaceAndRule() {
        assertEquals("test.toml:3:8: metrics.port: must be in 1..65535, got 0",
                error("[metrics]\nenabled = true\nport = 0\n"));
        assertEquals("test.toml:2:11: metrics.address: not an IP address: \"localhost\"",
                error("[metrics]\naddress = \"localhost\"\nenabled = true\n"));
        assertEquals("test.toml:3:11: metrics.address: cannot listen on a multicast address",
                error("[metrics]\nenabled = true\naddress = \"224.0.0.1\"\n"));
        assertEquals("test.toml:2:1: metrics.listen: unknown key", error("[metrics]\nlisten = \"127.0.0.1:9410\"\n"));
        assertEquals("test.toml:3:20: metrics.max_real_servers: must be in 0..2147483647, got -1",
                error("[metrics]\nenabled = true\nmax_real_servers = -1\n"));
    }

    @Test
    void anAddressWhileOffIsAWarning() {
        assertEquals(List.of("test.toml:2:8: metrics.port: ignored: metrics are off (set enabled = true to listen)"),
                warnings("[metrics]\nport = 9100\n"));
        assertEquals(List.of("test.toml:2:20: metrics.max_real_servers: ignored: metrics are off (set enabled = true"
                        + " to listen)"), warnings("[metrics]\nmax_real_servers = 5\n"));
    }
}
