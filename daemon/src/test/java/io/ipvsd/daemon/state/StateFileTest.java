package io.ipvsd.daemon.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.ipvs.AddressFamily;
import io.ipvsd.ipvs.AddressServiceKey;
import io.ipvsd.ipvs.DestinationKey;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.FwmarkServiceKey;
import io.ipvsd.ipvs.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @Test
    void missingFileMeansNothingOwnedYet(@TempDir Path dir) throws Exception {
        assertEquals(OwnedState.EMPTY, new StateFile(dir).load());
    }

    @Test
    void roundTripsServicesAndDrainingServers(@TempDir Path dir) throws Exception {
        AddressServiceKey web = new AddressServiceKey(Protocol.TCP, Endpoints.parseAddress("192.0.2.10"), 80);
        AddressServiceKey v6 = new AddressServiceKey(Protocol.SCTP, Endpoints.parseAddress("2001:db8::1"), 0);
        FwmarkServiceKey fwm = new FwmarkServiceKey(AddressFamily.INET6, 4294967295L);
        OwnedState.Draining d = new OwnedState.Draining(web, new DestinationKey(Endpoints.parseAddress("198.51.100.3"), 80));
        OwnedState state = new OwnedState(Set.of(web, v6, fwm), Map.of(d, Instant.parse("2026-11-24T06:00:00Z")));
        StateFile file = new StateFile(dir.resolve("sub"));
        file.save(state);
        assertEquals(state, file.load());
        assertFalse(Files.exists(dir.resolve("sub/state.json.tmp")));
        assertTrue(Files.readString(file.path()).contains("\"fwmark\" : 4294967295"));
    }

    @Test
    void aCorruptFileIsAnErrorNotAnEmptyState(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"format\":1,\"services\":[{\"protocol\":\"TCP\",\"address\":\"nonsense\",\"port\":1}]}");
        IOException e = assertThrows(IOException.class, () -> new StateFile(dir).load());
        assertTrue(e.getMessage().contains("bad entry in state file: not an IP address: nonsense"), e.getMessage());
        Files.writeString(dir.resolve("state.json"), "{trunc");
        assertThrows(IOException.class, () -> new StateFile(dir).load());
    }
}
