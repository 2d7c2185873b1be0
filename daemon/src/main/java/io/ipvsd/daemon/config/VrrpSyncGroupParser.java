package io.ipvsd.daemon.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * [[vrrp_sync_group]] tables. One instance reads all of them, because an instance may be in one
 * group only.
 */
final class VrrpSyncGroupParser {
    static final Set<String> KEYS = Stream.concat(Stream.of("name", "group"), VrrpNotifyParser.KEYS.stream())
            .collect(Collectors.toUnmodifiableSet());

    private record Membership(String group, SourcePos pos) {
    }

    private final Set<String> instanceNames;
    private final Map<String, SourcePos> seenNames = new HashMap<>();
    private final Map<String, Membership> groupOfInstance = new HashMap<>();

    /**
     * @param instanceNames the names written in [[vrrp_instance]] tables (valid or not, so that a
     *                      broken instance is reported once, by itself)
     */
    VrrpSyncGroupParser(Set<String> instanceNames) {
        this.instanceNames = instanceNames;
    }

    Optional<VrrpSyncGroupConfig> parse(TableReader group) {
        group.allowOnly(KEYS);
        Optional<String> name = group.required("name").flatMap(this::name);
        Optional<List<String>> members = group.required("group").flatMap(v -> members(v, name.orElse("?")));
        VrrpNotify notify = VrrpNotifyParser.parse(group);
        return name.flatMap(n -> members.map(m -> new VrrpSyncGroupConfig(n, m, notify, group.pos())));
    }

    private Optional<String> name(Value value) {
        return value.string().filter(name -> {
            if (!VrrpInstanceParser.NAME.matcher(name).matches()) {
                value.error("must be 1 to 32 letters, digits, '_', '.' or '-', got \"" + name + "\"");
                return false;
            }
            SourcePos first = seenNames.putIfAbsent(name, value.pos());
            if (first != null) {
                value.error("duplicate vrrp_sync_group name \"" + name + "\" (first used at line " + first.line()
                        + ")");
            }
            return true;
        });
    }

    private Optional<List<String>> members(Value value, String groupName) {
        return value.list().flatMap(elements -> {
            List<String> members = new ArrayList<>();
            for (Value element : elements) {
                element.string().ifPresent(instance -> member(element, instance, groupName, members));
            }
            if (elements.size() < 2) {
                value.error("needs at least two instances, got " + elements.size() + " (an instance changes state "
                        + "by itself anyway)");
                return Optional.empty();
            }
            return members.size() == elements.size() ? Optional.of(members) : Optional.empty();
        });
    }

    private void member(Value element, String instance, String groupName, List<String> members) {
        if (!instanceNames.contains(instance)) {
            element.error("no [[vrrp_instance]] is named \"" + instance + "\""
                    + Suggestions.didYouMean(instance, instanceNames));
        } else if (members.contains(instance)) {
            element.error("\"" + instance + "\" is listed twice");
        } else {
            Membership first = groupOfInstance.putIfAbsent(instance, new Membership(groupName, element.pos()));
            if (first != null) {
                element.error("\"" + instance + "\" is already in vrrp_sync_group \"" + first.group() + "\" (line "
                        + first.pos().line() + "); an instance can be in one group only");
            } else {
                members.add(instance);
            }
        }
    }
}
