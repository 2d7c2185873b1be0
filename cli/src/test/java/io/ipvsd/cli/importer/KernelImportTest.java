package io.ipvsd.cli.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.DestinationSettings;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.ForwardingMethod;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceFlags;
import io.ipvsd.ipvs.ServiceSettings;
import io.ipvsd.ipvs.Stats;
import io.ipvsd.ipvs.Timeouts;
import io.ipvsd.ipvs.Tunnel;
import io.ipvsd.ipvs.TunnelType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KernelImportTest {
    private static Destination dest(String address, int port, DestinationSettings s) {
        InetAddress a = Endpoints.parseAddress(address);
        return new Destination(new DestinationKey(a, port), AddressFamily.of(a), s, 0, 0, 0, Stats.ZERO);
    }

    @Test
    void theLiveTableAndItsTimeoutsBecomeAValidFile() {
        Service web = new Service(new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.10"), 80),
                new ServiceSettings("sh", ServiceFlags.PERSISTENT | ServiceFlags.SH_PORT, 600, 0xffffff00L, null), Stats.ZERO);
        FakeIpvsAccess access = new FakeIpvsAccess()
                .add(web, dest("198.51.100.1", 8080, new DestinationSettings(ForwardingMethod.MASQ, 5, 1000, 800, null)),
                        dest("198.51.100.2", 80, new DestinationSettings(ForwardingMethod.TUNNEL, 1, 0, 0,
                                new Tunnel(TunnelType.GUE, 6080, Tunnel.FLAG_CSUM))))
                .timeouts(new Timeouts(900, 120, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Ipvsctl(access).execute(new String[] {"import", "kernel"}, new PrintStream(out), new PrintStream(err));
        String toml = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8) + toml);
        assertTrue(toml.contains("[ipvs.timeouts]\ntcp = \"900s\"\ntcp_fin = \"120s\"\n"), toml);
        assertTrue(toml.contains("scheduler_flags = [\"sh-port\"]"), toml);
        assertTrue(toml.contains("persistence = { timeout = 600, netmask = \"255.255.255.0\" }"), toml);
        assertTrue(toml.contains("upper_threshold = 1000\n  lower_threshold = 800\n  method = \"nat\""), toml);
        assertTrue(toml.contains("tunnel = { type = \"gue\", port = 6080, checksum = \"csum\" }"), toml);
    }
}
