package io.ipvsd.daemon.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.daemon.config.Config;
import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.Protocol;
import io.ipvsd.nft.MacAddress;
import io.ipvsd.nft.MarkRule;
import io.ipvsd.nft.MasqueradeRule;
import io.ipvsd.nft.NftRuleset;
import io.ipvsd.nft.PortRange;
import io.ipvsd.nft.Prefix;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FirewallRulesTest {

    private static Config load(String toml) {
        return ((LoadResult.Loaded) ConfigLoader.parse(toml, "t.toml")).config();
    }

    @Test
    void marksAndMasqueradesMapWithStableNamesAndTheVirtualAddresses() {
        Config c = load("""
                [[service]]
                protocol = "tcp"
                address = "192.0.2.30"
                port = 80
                  [[service.real]]
                  address = "198.51.100.21"
                  method = "nat"
                [[service]]
                fwmark = 1
                family = "ipv4"
                  [[service.real]]
                  address = "203.0.113.5"
                [[mark]]
                fwmark = 1
                address = "192.0.2.20"
                protocols = ["tcp", "udp"]
                ports = [80, "8000-8100"]
                exclude_source_macs = ["52:54:00:12:34:56"]
                in_interface = "eth0"
                [[mark]]
                fwmark = 1
                address = "192.0.2.21"
                [[masquerade]]
                out_interface = "eth1"
                [[masquerade]]
                source = "198.51.100.0/24"
                ipvs_only = false
                """);
        NftRuleset r = FirewallRules.from(c);
        assertEquals("ipvsd", r.table());
        assertEquals(new MarkRule("fwmark1", 1, List.of(Endpoints.parseAddress("192.0.2.20")), Set.of(Protocol.TCP, Protocol.UDP),
                List.of(PortRange.of(80), new PortRange(8000, 8100)), List.of(MacAddress.parse("52:54:00:12:34:56")), "eth0"),
                r.marks().get(0));
        assertEquals("fwmark1_2", r.marks().get(1).name());
        assertEquals(new MasqueradeRule("masquerade1", null, "eth1", List.of(Endpoints.parseAddress("192.0.2.30"),
                Endpoints.parseAddress("192.0.2.20"), Endpoints.parseAddress("192.0.2.21"))), r.masquerades().get(0));
        assertEquals(new MasqueradeRule("masquerade2", new Prefix(Endpoints.parseAddress("198.51.100.0"), 24), null, List.of()),
                r.masquerades().get(1));
    }

    @Test
    void theExampleFileMaps() {
        Config c = ((LoadResult.Loaded) ConfigLoader.load(Path.of("../examples/ipvsd.toml"))).config();
        NftRuleset r = FirewallRules.from(c);
        assertEquals(1, r.marks().size());
        assertEquals(2, r.masquerades().size());
    }
}
