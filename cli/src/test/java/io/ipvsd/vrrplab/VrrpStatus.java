package io.ipvsd.vrrplab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer of `ipvsctl status --json`, read through the "vrrp" key of the shared design:
 * name, state, master, faults, adverts_sent, adverts_received, dropped (only non-zero reasons), warnings.
 */
final class VrrpStatus {
    private final String node;
    private final JsonNode root;

    VrrpStatus(String node, JsonNode root) {
        this.node = node;
        this.root = root;
    }

    /** The instance's object; its absence fails with the whole answer. */
    JsonNode instance(String name) {
        for (JsonNode i : root.path("vrrp")) {
            if (name.equals(i.path("name").asText())) {
                return i;
            }
        }
        throw new AssertionError(node + ": status has no vrrp instance " + name + ": " + root.toPrettyString());
    }

    String state(String instance) {
        return instance(instance).path("state").asText();
    }

    /** The master's address as this node knows it; null when unknown. */
    String master(String instance) {
        JsonNode m = instance(instance).path("master");
        return m.isTextual() ? m.asText() : null;
    }

    /** Adverts dropped for this reason ("auth_password", "interval", ...); absent means none. */
    long dropped(String instance, String reason) {
        return instance(instance).path("dropped").path(reason).asLong(0);
    }

    /** Every reason with a non-zero count of dropped adverts. */
    List<String> dropReasons(String instance) {
        List<String> out = new ArrayList<>();
        instance(instance).path("dropped").fieldNames().forEachRemaining(out::add);
        return out;
    }

    long advertsReceived(String instance) {
        return instance(instance).path("adverts_received").asLong(0);
    }

    List<String> warnings(String instance) {
        return texts(instance(instance).path("warnings"));
    }

    List<String> faults(String instance) {
        return texts(instance(instance).path("faults"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public String toString() {
        return node + " status: " + root.path("vrrp").toPrettyString();
    }
}
