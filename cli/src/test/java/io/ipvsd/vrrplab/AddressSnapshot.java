package io.ipvsd.vrrplab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The IPv4 addresses on every node's ens192 at one poll. */
final class AddressSnapshot {
    record Address(String address, int prefixLength, String label) {
        @Override
        public String toString() {
            return address + "/" + prefixLength + " " + label;
        }
    }

    private final Map<Node, List<Address>> byNode;

    AddressSnapshot(Map<Node, List<Address>> byNode) {
        this.byNode = new LinkedHashMap<>(byNode);
    }

    /** The node has the VIP with exactly its prefix length and label. */
    boolean has(Node node, Vip vip) {
        return byNode.getOrDefault(node, List.of()).contains(new Address(vip.address(), vip.prefixLength(), vip.label()));
    }

    /** Every node that has the VIP's address, whatever its label. */
    Set<Node> holders(Vip vip) {
        return byNode.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(a -> a.address().equals(vip.address())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The VIP, with its label, is on {@code node} and on no other node. */
    boolean onlyOn(Node node, Vip vip) {
        return has(node, vip) && holders(vip).equals(Set.of(node));
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        byNode.forEach((node, addresses) -> lines.add("  " + node.name() + " (" + node.netns() + "): " + addresses));
        return String.join("\n", lines);
    }
}
