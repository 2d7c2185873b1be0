package io.ipvsd.daemon.config;

import io.ipvsd.ipvs.Endpoints;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * [[vrrp_instance]] tables. One instance reads all of them, because names and virtual routers
 * must be unique across the file.
 */
final class VrrpInstanceParser {
    static final Set<String> KEYS = Stream.concat(Stream.of("name", "interface", "virtual_router_id", "priority",
                    "advert_int", "version", "state", "nopreempt", "preempt_delay", "auth_pass", "unicast_src_ip",
                    "unicast_peer", "check_unicast_src", "virtual_ipaddress", "track_interface", "track_service",
                    "garp_master_repeat", "garp_master_delay", "v3_checksum_as_v2"), VrrpNotifyParser.KEYS.stream())
            .collect(Collectors.toUnmodifiableSet());
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Map<String, Boolean> INITIAL_MASTER = new LinkedHashMap<>();

    static {
        INITIAL_MASTER.put("backup", false);
        INITIAL_MASTER.put("master", true);
    }

    private static final int DEFAULT_PRIORITY = 100;
    private static final int OWNER_PRIORITY = 255;
    private static final Duration DEFAULT_ADVERT_INTERVAL = Duration.ofSeconds(1);
    // v2 carries the interval in an 8-bit field of seconds, v3 in a 12-bit field of centiseconds.
    private static final long MAX_V2_ADVERT_SECONDS = 255;
    private static final long MAX_V3_ADVERT_MILLIS = 4095 * 10;
    // keepalived's limit.
    private static final Duration MAX_PREEMPT_DELAY = Duration.ofSeconds(1000);
    private static final int MAX_AUTH_BYTES = 8;
    private static final int DEFAULT_GARP_REPEAT = 5;
    private static final Duration DEFAULT_GARP_DELAY = Duration.ofSeconds(5);

    /** What tells two virtual routers apart on one link (RFC 5798 §5.2.3: VRID per family). */
    private record RouterKey(String interfaceName, int virtualRouterId, Family family) {
    }

    private record FirstUse(String owner, SourcePos pos) {
    }

    private final Set<String> serviceNames;
    private final AddressClaims claims;
    private final Problems problems;
    private final Map<String, SourcePos> seenNames = new HashMap<>();
    private final Map<RouterKey, FirstUse> seenRouters = new HashMap<>();

    /**
     * @param serviceNames the names written in [[service]] tables, which track_service refers to
     */
    VrrpInstanceParser(Set<String> serviceNames, AddressClaims claims, Problems problems) {
        this.serviceNames = serviceNames;
        this.claims = claims;
        this.problems = problems;
    }

    /** Empty when a required part could not be read (the reason is reported). */
    Optional<VrrpInstanceConfig> parse(TableReader instance) {
        instance.allowOnly(KEYS);
        Optional<String> name = instance.required("name").flatMap(this::name);
        String owner = name.map(n -> "vrrp_instance \"" + n + "\"")
                .orElse("the vrrp_instance at line " + instance.pos().line());
        Optional<String> interfaceName = instance.required("interface").flatMap(Value::interfaceName);
        Optional<Integer> vrid = instance.required("virtual_router_id").flatMap(v -> v.intIn(1, 255));
        int priority = instance.intIn("priority", 1, OWNER_PRIORITY).orElse(DEFAULT_PRIORITY);
        Optional<Integer> version = instance.value("version").map(VrrpInstanceParser::version).orElse(Optional.of(2));
        boolean initialMaster = instance.oneOf("state", INITIAL_MASTER).orElse(false);
        if (initialMaster && !instance.has("priority")) {
            instance.value("state").orElseThrow().warn("\"master\" without priority: keepalived would make this "
                    + "node the address owner (priority 255), ipvsd gives it " + DEFAULT_PRIORITY
                    + "; write the priority");
        }
        Duration advertInterval = instance.value("advert_int").flatMap(v -> advertInterval(v, version))
                .orElse(DEFAULT_ADVERT_INTERVAL);
        boolean nopreempt = preemption(instance, priority, initialMaster);
        Duration preemptDelay = instance.value("preempt_delay").flatMap(v -> preemptDelay(v, nopreempt, initialMaster))
                .orElse(Duration.ZERO);
        String authPass = instance.value("auth_pass").flatMap(v -> authPass(v, version)).orElse(null);

        List<VirtualAddressConfig> addresses = virtualAddresses(instance, interfaceName, version);
        Optional<Family> family = addresses.isEmpty()
                ? version.filter(v -> v == 2).map(v -> Family.IPV4) : Optional.of(addresses.get(0).family());
        addresses.forEach(address -> claims.claim(address, owner, "vrrp_instance.virtual_ipaddress", true));
        Optional<InetAddress> unicastSource = instance.value("unicast_src_ip")
                .flatMap(v -> unicastAddress(v, family, addresses, "unicast_src_ip must be this node's own address"));
        List<InetAddress> peers = unicastPeers(instance, family.or(() -> unicastSource.map(Addresses::familyOf)),
                unicastSource, addresses);
        boolean checkUnicastSource = instance.bool("check_unicast_src").orElse(true);
        boolean unicast = instance.value("unicast_peer").map(Value::raw)
                .filter(written -> !(written instanceof TomlArrayNode array && array.isEmpty())).isPresent();
        if (instance.has("check_unicast_src") && !unicast) {
            instance.value("check_unicast_src").orElseThrow().warn("has no effect without unicast_peer "
                    + "(adverts are multicast)");
        }
        List<String> trackInterfaces = trackInterfaces(instance, interfaceName);
        List<String> trackServices = trackServices(instance);
        VrrpNotify notify = VrrpNotifyParser.parse(instance);
        int garpRepeat = instance.intIn("garp_master_repeat", 1, 255).orElse(DEFAULT_GARP_REPEAT);
        Duration garpDelay = instance.duration("garp_master_delay").orElse(DEFAULT_GARP_DELAY);
        boolean v3ChecksumAsV2 = instance.value("v3_checksum_as_v2").flatMap(v -> v3ChecksumAsV2(v, version, family))
                .orElse(false);

        if (name.isEmpty() || interfaceName.isEmpty() || vrid.isEmpty() || version.isEmpty() || family.isEmpty()
                || addresses.isEmpty()) {
            return Optional.empty();
        }
        checkRouterUnique(instance, new RouterKey(interfaceName.get(), vrid.get(), family.get()), owner);
        return Optional.of(new VrrpInstanceConfig(name.get(), interfaceName.get(), vrid.get(), priority,
                advertInterval, version.get(), initialMaster, nopreempt, preemptDelay, authPass,
                unicastSource.orElse(null), peers, checkUnicastSource, addresses, trackInterfaces, trackServices,
                notify, garpRepeat, garpDelay, v3ChecksumAsV2, instance.pos()));
    }

    private Optional<String> name(Value value) {
        return value.string().filter(name -> {
            if (!NAME.matcher(name).matches()) {
                value.error("must be 1 to 32 letters, digits, '_', '.' or '-', got \"" + name + "\"");
                return false;
            }
            SourcePos first = seenNames.putIfAbsent(name, value.pos());
            if (first != null) {
                value.error("duplicate vrrp_instance name \"" + name + "\" (first used at line " + first.line() + ")");
            }
            return true;
        });
    }

    private static Optional<Integer> version(Value value) {
        return value.integer().filter(n -> {
            if (n != 2 && n != 3) {
                value.error("must be 2 or 3, got " + n);
            }
            return n == 2 || n == 3;
        }).map(Long::intValue);
    }

    /** Without a valid version only the duration itself is checked. */
    private static Optional<Duration> advertInterval(Value value, Optional<Integer> version) {
        return value.positiveDuration().filter(interval -> version.map(v -> v == 2
                ? fitsVersion2(value, interval) : fitsVersion3(value, interval)).orElse(true));
    }

    private static boolean fitsVersion2(Value value, Duration interval) {
        if (interval.toMillisPart() != 0) {
            value.error("version 2 carries whole seconds, got " + Durations.format(interval)
                    + " (version 3 carries centiseconds)");
            return false;
        }
        if (interval.toSeconds() > MAX_V2_ADVERT_SECONDS) {
            value.error("must be 1s.." + MAX_V2_ADVERT_SECONDS + "s for version 2, got " + Durations.format(interval));
            return false;
        }
        return true;
    }

    private static boolean fitsVersion3(Value value, Duration interval) {
        if (interval.toNanos() % 10_000_000 != 0) {
            value.error("version 3 carries centiseconds: must be a multiple of 10ms, got "
                    + Durations.format(interval));
            return false;
        }
        if (interval.toMillis() > MAX_V3_ADVERT_MILLIS) {
            value.error("must be 10ms.." + MAX_V3_ADVERT_MILLIS + "ms for version 3, got "
                    + Durations.format(interval));
            return false;
        }
        return true;
    }

    /**
     * keepalived clears nopreempt with a warning in both cases; an error says it before the
     * operator relies on it.
     */
    private static boolean preemption(TableReader instance, int priority, boolean initialMaster) {
        boolean nopreempt = instance.bool("nopreempt").orElse(false);
        if (nopreempt && priority == OWNER_PRIORITY) {
            instance.value("nopreempt").orElseThrow().error("not allowed with priority 255 (the address owner "
                    + "always takes over)");
        }
        if (nopreempt && initialMaster) {
            instance.value("nopreempt").orElseThrow().error("not allowed with state = \"master\" (keepalived "
                    + "clears it with a warning: nopreempt only acts in the BACKUP state)");
        }
        return nopreempt;
    }

    private static Optional<Duration> preemptDelay(Value value, boolean nopreempt, boolean initialMaster) {
        return value.duration().filter(delay -> {
            if (delay.compareTo(MAX_PREEMPT_DELAY) > 0) {
                value.error("must be at most " + Durations.format(MAX_PREEMPT_DELAY) + ", got "
                        + Durations.format(delay));
                return false;
            }
            if (!delay.isZero() && nopreempt) {
                value.error("not allowed with nopreempt (a node that never preempts has nothing to delay)");
            }
            if (!delay.isZero() && initialMaster) {
                value.error("not allowed with state = \"master\" (keepalived ignores it there)");
            }
            return true;
        });
    }

    private static Optional<String> authPass(Value value, Optional<Integer> version) {
        return value.string().filter(password -> {
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            if (version.filter(v -> v == 3).isPresent()) {
                value.error("version 3 has no authentication");
                return false;
            }
            if (bytes.length == 0) {
                value.error("must not be empty (leave auth_pass out for no authentication)");
                return false;
            }
            if (bytes.length > MAX_AUTH_BYTES) {
                value.error(bytes.length + " bytes; VRRP carries at most " + MAX_AUTH_BYTES + " (keepalived would "
                        + "cut it to \"" + new String(bytes, 0, MAX_AUTH_BYTES, StandardCharsets.UTF_8)
                        + "\")");
                return false;
            }
            return true;
        });
    }

    /** The valid elements of virtual_ipaddress that have the instance's family. */
    private List<VirtualAddressConfig> virtualAddresses(TableReader instance, Optional<String> interfaceName,
                                                        Optional<Integer> version) {
        Optional<Value> value = instance.required("virtual_ipaddress");
        List<Value> elements = value.flatMap(Value::list).orElse(List.of());
        if (value.isPresent() && value.get().raw() instanceof TomlArrayNode && elements.isEmpty()) {
            value.get().error("must not be empty");
        }
        List<VirtualAddressConfig> addresses = new ArrayList<>();
        for (Value element : elements) {
            VirtualAddressParser.element(element, interfaceName).ifPresent(address -> {
                if (version.filter(v -> v == 2).isPresent() && address.family() == Family.IPV6) {
                    problems.error(address.pos(), element.path() + ": " + Endpoints.address(address.address())
                            + " is IPv6 but version 2 carries only IPv4 (IPv6 needs version = 3)");
                } else if (!addresses.isEmpty() && addresses.get(0).family() != address.family()) {
                    VirtualAddressConfig first = addresses.get(0);
                    problems.error(address.pos(), element.path() + ": " + Endpoints.address(address.address())
                            + " is " + address.family() + " but " + Endpoints.address(first.address()) + " is "
                            + first.family() + "; an instance carries one family (write one instance per family)");
                } else {
                    addresses.add(address);
                }
            });
        }
        return addresses;
    }

    /** unicast_src_ip or a unicast_peer: of the adverts' family, and not an address that moves. */
    private static Optional<InetAddress> unicastAddress(Value value, Optional<Family> family,
                                                        List<VirtualAddressConfig> addresses, String why) {
        return value.hostAddress().filter(address -> {
            Family own = Addresses.familyOf(address);
            if (family.isPresent() && family.get() != own) {
                value.error(Endpoints.address(address) + " is " + own + " but the adverts are " + family.get()
                        + " (the family of the virtual addresses)");
                return false;
            }
            if (addresses.stream().anyMatch(vip -> vip.address().equals(address))) {
                value.error(Endpoints.address(address) + " is a virtual address of this instance; " + why
                        + ", which does not move");
                return false;
            }
            return true;
        });
    }

    private static List<InetAddress> unicastPeers(TableReader instance, Optional<Family> family,
                                                  Optional<InetAddress> unicastSource,
                                                  List<VirtualAddressConfig> addresses) {
        List<InetAddress> peers = new ArrayList<>();
        for (Value element : instance.value("unicast_peer").flatMap(Value::list).orElse(List.of())) {
            unicastAddress(element, family, addresses, "a peer is the other node's own address").ifPresent(peer -> {
                if (unicastSource.filter(peer::equals).isPresent()) {
                    element.error(Endpoints.address(peer) + " is unicast_src_ip, this node; a node is not its own "
                            + "peer");
                } else if (peers.contains(peer)) {
                    element.error("duplicate peer " + Endpoints.address(peer));
                } else {
                    peers.add(peer);
                }
            });
        }
        return peers;
    }

    private static List<String> trackInterfaces(TableReader instance, Optional<String> interfaceName) {
        List<String> tracked = new ArrayList<>();
        for (Value element : instance.value("track_interface").flatMap(Value::list).orElse(List.of())) {
            element.interfaceName().ifPresent(name -> {
                if (tracked.contains(name)) {
                    element.error("duplicate interface \"" + name + "\"");
                    return;
                }
                if (interfaceName.filter(name::equals).isPresent()) {
                    element.warn("\"" + name + "\" is the instance's own interface, which is always tracked");
                }
                tracked.add(name);
            });
        }
        return tracked;
    }

    private List<String> trackServices(TableReader instance) {
        List<String> tracked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Value element : instance.value("track_service").flatMap(Value::list).orElse(List.of())) {
            element.string().ifPresent(name -> {
                if (!serviceNames.contains(name)) {
                    element.error("no [[service]] has name = \"" + name + "\""
                            + Suggestions.didYouMean(name, serviceNames));
                } else if (!seen.add(name)) {
                    element.error("duplicate service \"" + name + "\"");
                } else {
                    tracked.add(name);
                }
            });
        }
        return tracked;
    }

    private static Optional<Boolean> v3ChecksumAsV2(Value value, Optional<Integer> version, Optional<Family> family) {
        return value.bool().filter(on -> {
            if (on && version.filter(v -> v == 2).isPresent()) {
                value.error("only for version 3 (the version 2 checksum has no pseudo-header)");
                return false;
            }
            if (on && family.filter(f -> f == Family.IPV6).isPresent()) {
                value.error("only for IPv4 (the IPv6 checksum always covers the pseudo-header)");
                return false;
            }
            return true;
        });
    }

    private void checkRouterUnique(TableReader instance, RouterKey key, String owner) {
        FirstUse first = seenRouters.putIfAbsent(key, new FirstUse(owner, instance.pos()));
        if (first != null) {
            instance.value("virtual_router_id").orElseThrow().error(key.virtualRouterId() + " is already used on "
                    + key.interfaceName() + " for " + key.family() + " by " + first.owner() + " (line "
                    + first.pos().line() + "); routers on a link are told apart by VRID and family");
        }
    }
}
