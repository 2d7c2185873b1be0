package io.ipvsd.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipvsd.cli.doctor.Facts.DaemonView;
import io.ipvsd.cli.doctor.Facts.Health;
import io.ipvsd.cli.doctor.Facts.Vrrp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The parts of the daemon's status JSON (see `ipvsctl status --json`) the checks use. */
final class DaemonStatus {
    private DaemonStatus() {
    }

    static DaemonView parse(String json) throws IOException {
        JsonNode s = new ObjectMapper().readTree(json);
        List<Health> health = new ArrayList<>();
        for (JsonNode h : s.path("health")) {
            health.add(new Health(h.path("service").asText(), h.path("real_server").asText(),
                    h.path("state").asText().equals("UP"), h.path("reason").asText("")));
        }
        List<Vrrp> vrrp = new ArrayList<>();
        for (JsonNode v : s.path("vrrp")) {
            List<String> faults = new ArrayList<>();
            v.path("faults").forEach(f -> faults.add(f.asText()));
            Map<String, Long> dropped = new TreeMap<>();
            v.path("dropped").fields().forEachRemaining(e -> dropped.put(e.getKey(), e.getValue().asLong()));
            List<String> warnings = new ArrayList<>();
            v.path("warnings").forEach(w -> warnings.add(w.asText()));
            vrrp.add(new Vrrp(v.path("name").asText(), v.path("interface").asText(), v.path("vrid").asInt(),
                    v.path("state").asText(), faults, dropped, warnings));
        }
        return new DaemonView(s.path("config").asText(null), health, vrrp);
    }
}
