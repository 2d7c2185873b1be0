package io.ipvsd.cli.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VRRP half of a keepalived.conf: vrrp_instance, vrrp_sync_group, static_ipaddress and the
 * lvs_sync_daemon (global_defs or the instance's lvs_sync_daemon_interface), as ipvsd's tables
 * with keepalived's names. keepalived 2.2.7's corrections are reproduced and reported: a password
 * longer than 8 characters is cut to 8; authentication without a password (for instance a block
 * written on one line, which keepalived reads as "auth_type PASS auth_pass x" with auth_pass as an
 * argument of auth_type) is none; authentication with version 3 is none; a MASTER without
 * priority is 255; unicast peers are not source-checked unless check_unicast_src is set.
 */
final class KeepalivedVrrp {
    /** Words of an address line (ip-address(8) options keepalived takes) that have a value after them. */
    private static final java.util.Set<String> VALUE_WORDS = java.util.Set.of("brd", "broadcast", "scope", "metric",
            "preferred_lft", "valid_lft", "track_group", "peer");

    private final Diagnostics d;
    private final TomlDocument doc;
    private TomlTable syncDaemon;

    KeepalivedVrrp(Diagnostics d, TomlDocument doc) {
        this.d = d;
        this.doc = doc;
    }

    void instance(ConfNode node) {
        ConfLine head = node.line();
        TomlTable t = doc.table("[[vrrp_instance]]");
        t.comment("from " + head.where() + ": " + String.join(" ", head.words()));
        t.put("name", TomlValues.str(head.word(1) == null ? "" : head.word(1)));
        Long priority = null;
        boolean master = false;
        boolean nopreempt = false;
        ConfLine nopreemptLine = null;
        Long version = null;
        String authType = null;
        String authPass = null;
        ConfLine authLine = null;
        Long preemptDelayMs = null;
        ConfLine preemptLine = null;
        boolean checkUnicastSrc = false;
        List<String> peers = new ArrayList<>();
        List<String> vips = new ArrayList<>();
        List<String> tracked = new ArrayList<>();
        Long advertMs = null;
        ConfLine advertLine = null;
        for (ConfNode n : node.block()) {
            ConfLine l = n.line();
            switch (l.keyword()) {
                case "interface" -> t.put("interface", TomlValues.str(l.word(1)));
                case "virtual_router_id" -> t.put("virtual_router_id", numberOr(l, 1, 255));
                case "priority" -> priority = KeepalivedValues.number(l, 1, 1, 255, d);
                case "state" -> master = "MASTER".equals(l.word(1));
                case "nopreempt" -> {
                    nopreempt = true;
                    nopreemptLine = l;
                }
                case "preempt" -> nopreempt = false;
                case "preempt_delay" -> {
                    preemptDelayMs = KeepalivedValues.timerMs(l, 1, d);
                    preemptLine = l;
                }
                case "version" -> version = KeepalivedValues.number(l, 1, 2, 3, d);
                case "advert_int" -> {
                    advertMs = KeepalivedValues.timerMs(l, 1, d);
                    advertLine = l;
                }
                case "authentication" -> {
                    for (ConfNode a : n.block()) {
                        ConfLine al = a.line();
                        if (al.keyword().equals("auth_type")) {
                            authType = al.word(1);
                            authLine = al;
                            if (al.words().size() > 2) {
                                d.add(al, "keepalived reads only '" + al.word(0) + " " + al.word(1) + "' of this line (a block on one line):"
                                        + " the rest, " + String.join(" ", al.words().subList(2, al.words().size()))
                                        + ", is ignored");
                            }
                        } else if (al.keyword().equals("auth_pass")) {
                            authPass = al.word(1);
                            authLine = al;
                        } else {
                            d.add(al, "Unknown keyword in authentication; dropped");
                        }
                    }
                }
                case "unicast_src_ip" -> t.put("unicast_src_ip", TomlValues.str(l.word(1)));
                case "unicast_peer" -> {
                    for (ConfNode p : n.block()) {
                        peers.add(p.line().word(0));
                        if (p.line().words().size() > 1) {
                            d.add(p.line(), "min_ttl/max_ttl of a unicast peer are not carried over");
                        }
                    }
                }
                case "check_unicast_src" -> checkUnicastSrc = true;
                case "virtual_ipaddress" -> {
                    for (ConfNode v : n.block()) {
                        String vip = virtualAddress(v.line());
                        String address = vip.split(" ")[0];
                        if (vips.stream().anyMatch(x -> x.split(" ")[0].equals(address))) {
                            d.add(v.line(), address + " is already a virtual address of this instance: the kernel "
                                    + "holds an address once, so the repeat is dropped");
                        } else {
                            vips.add(vip);
                        }
                    }
                }
                case "track_interface" -> {
                    for (ConfNode ti : n.block()) {
                        tracked.add(ti.line().word(0));
                        if (ti.line().words().size() > 1) {
                            d.add(ti.line(), "a tracked interface's weight (priority change instead of FAULT) is not "
                                    + "carried over: ipvsd puts the instance in FAULT while it is down");
                        }
                    }
                }
                case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" ->
                        t.put(l.keyword(), TomlValues.strings(KeepalivedValues.commandWords(l)));
                case "garp_master_repeat" -> t.put("garp_master_repeat", numberOr(l, 1, 255));
                case "garp_master_delay" -> {
                    Long ms = KeepalivedValues.timerMs(l, 1, d);
                    if (ms != null) {
                        t.put("garp_master_delay", TomlValues.millis(ms));
                    }
                }
                case "lvs_sync_daemon_interface" -> syncDaemon(l, l.word(1), head.word(1), List.of());
                default -> d.add(l, "not carried over: ipvsd's vrrp_instance has no such setting");
            }
        }
        if (version != null) {
            t.put("version", TomlValues.num(version));
        }
        boolean v3 = version != null && version == 3;
        if (priority == null && master) {
            priority = 255L;
            d.add(head, "state MASTER without priority: keepalived makes this node the address owner (priority 255)");
        }
        if (priority != null) {
            t.put("priority", TomlValues.num(priority));
        }
        if (master) {
            t.put("state", TomlValues.str("master"));
        }
        boolean owner = priority != null && priority == 255;
        if (nopreempt) {
            if (master || owner) {
                d.add(nopreemptLine, "nopreempt with state MASTER or priority 255: keepalived clears it");
            } else {
                t.put("nopreempt", "true");
            }
        }
        if (preemptDelayMs != null && preemptDelayMs > 0) {
            if (nopreempt || master) {
                d.add(preemptLine, "preempt_delay has no effect with nopreempt or state MASTER; dropped");
            } else {
                t.put("preempt_delay", TomlValues.millis(preemptDelayMs));
            }
        }
        if (advertMs != null) {
            long ms = advertMs;
            if (!v3 && ms % 1000 != 0) {
                long rounded = Math.max(1000, Math.round(ms / 1000.0) * 1000);
                d.add(advertLine, "version 2 adverts are whole seconds: " + new BigDecimal(ms).movePointLeft(3)
                        + " s becomes " + rounded / 1000 + " s, as keepalived does");
                ms = rounded;
            }
            t.put("advert_int", TomlValues.millis(ms));
        }
        if (authType != null) {
            if (authPass == null || authPass.isEmpty()) {
                d.add(authLine, "Authentication specified but no password given: keepalived ignores it, "
                        + "so no auth_pass is written (the peer running this file sends none)");
            } else if (v3) {
                d.add(authLine, "VRRP version 3 does not support authentication: keepalived ignores it");
            } else if (!"PASS".equals(authType)) {
                d.add(authLine, "auth_type " + authType + " (IPsec AH) is not supported by ipvsd; no authentication written");
            } else {
                if (authPass.length() > 8) {
                    d.add(authLine, "password longer than 8 characters: keepalived sends only the first 8, written as "
                            + authPass.substring(0, 8));
                    authPass = authPass.substring(0, 8);
                }
                t.put("auth_pass", TomlValues.str(authPass));
            }
        }
        if (!peers.isEmpty()) {
            t.put("unicast_peer", TomlValues.strings(peers));
            t.put("check_unicast_src", TomlValues.bool(checkUnicastSrc));
            if (!checkUnicastSrc) {
                t.comment("keepalived accepts adverts from any source unless check_unicast_src is set: kept so");
            }
        }
        if (!vips.isEmpty()) {
            t.put("virtual_ipaddress", TomlValues.strings(vips));
        }
        if (!tracked.isEmpty()) {
            t.put("track_interface", TomlValues.strings(tracked));
        }
    }

    /** "ADDR[/LEN] [dev IF] [label L] ..." keeping address, dev and label; the rest reported. */
    private String virtualAddress(ConfLine l) {
        StringBuilder out = new StringBuilder(l.word(0));
        for (int i = 1; i < l.words().size(); i++) {
            String w = l.word(i);
            if ((w.equals("dev") || w.equals("label")) && l.word(i + 1) != null) {
                out.append(' ').append(w).append(' ').append(l.word(++i));
            } else {
                String value = l.word(i + 1);
                d.add(l, "'" + w + "' of a virtual address is not carried over" + (value != null ? " (" + w + " " + value + ")" : ""));
                if (value != null && !w.equals("no_track") && !w.equals("home") && !w.equals("-nodad")
                        && !w.equals("nodad") && !w.equals("noprefixroute") && !w.equals("autojoin")) {
                    i++;
                }
            }
        }
        return out.toString();
    }

    void syncGroup(ConfNode node) {
        ConfLine head = node.line();
        if (node.block().stream().noneMatch(n -> n.keyword().equals("group") && !n.block().isEmpty())) {
            for (ConfNode n : node.block()) {
                d.add(n.line(), "Unknown keyword in vrrp_sync_group (members go in a group { } block)");
            }
            d.add(head, "Sync group has no virtual router(s) - keepalived removes it, so it is not imported");
            return;
        }
        TomlTable t = doc.table("[[vrrp_sync_group]]");
        t.comment("from " + head.where() + ": " + String.join(" ", head.words()));
        t.put("name", TomlValues.str(head.word(1) == null ? "" : head.word(1)));
        for (ConfNode n : node.block()) {
            ConfLine l = n.line();
            switch (l.keyword()) {
                case "group" -> {
                    List<String> members = new ArrayList<>();
                    for (ConfNode m : n.block()) {
                        members.addAll(m.line().words());
                    }
                    t.put("group", TomlValues.strings(members));
                }
                case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify" ->
                        t.put(l.keyword(), TomlValues.strings(KeepalivedValues.commandWords(l)));
                default -> d.add(l, "not carried over: ipvsd's vrrp_sync_group has no such setting");
            }
        }
    }

    void staticAddresses(ConfNode node) {
        for (ConfNode n : node.block()) {
            ConfLine l = n.line();
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("address", TomlValues.str(l.word(0)));
            for (int i = 1; i < l.words().size(); i++) {
                String w = l.word(i);
                if ((w.equals("dev") || w.equals("label")) && l.word(i + 1) != null) {
                    parts.put(w, TomlValues.str(l.word(++i)));
                } else {
                    boolean takesValue = VALUE_WORDS.contains(w) && l.word(i + 1) != null;
                    d.add(l, "'" + w + (takesValue ? " " + l.word(++i) : "") + "' of a static address is not carried over");
                }
            }
            TomlTable t = doc.table("[[static_ipaddress]]");
            t.comment("from " + l.where());
            parts.forEach(t::put);
        }
    }

    /** global_defs' "lvs_sync_daemon IFACE INSTANCE [id N] [maxlen N] [port N] [ttl N] [group ADDR]". */
    void globalSyncDaemon(ConfLine l) {
        syncDaemon(l, l.word(1), l.word(2), l.words().subList(Math.min(3, l.words().size()), l.words().size()));
    }

    private void syncDaemon(ConfLine l, String iface, String instance, List<String> options) {
        if (iface == null || instance == null) {
            d.add(l, "needs an interface and a vrrp_instance; not carried over");
            return;
        }
        if (syncDaemon != null) {
            d.add(l, "a second sync daemon setting: keepalived uses the last one");
        }
        syncDaemon = new TomlTable("[ipvs.sync_daemon]");
        syncDaemon.comment("from " + l.where());
        syncDaemon.put("interface", TomlValues.str(iface));
        syncDaemon.put("vrrp_instance", TomlValues.str(instance));
        for (int i = 0; i + 1 < options.size(); i += 2) {
            String key = switch (options.get(i)) {
                case "id" -> "syncid";
                case "maxlen" -> "sync_maxlen";
                case "port" -> "mcast_port";
                case "ttl" -> "mcast_ttl";
                case "group" -> "mcast_group";
                default -> null;
            };
            if (key == null) {
                d.add(l, "sync daemon option " + options.get(i) + " not carried over");
            } else {
                String v = options.get(i + 1);
                syncDaemon.put(key, key.equals("mcast_group") ? TomlValues.str(v) : v);
            }
        }
        if (options.size() % 2 == 1) {
            d.add(l, "sync daemon option " + options.get(options.size() - 1) + " without value; dropped");
        }
    }

    TomlTable syncDaemonTable() {
        return syncDaemon;
    }

    private String numberOr(ConfLine l, int min, int max) {
        Long v = KeepalivedValues.number(l, 1, min, max, d);
        return v == null ? TomlValues.str(String.valueOf(l.word(1))) : TomlValues.num(v);
    }
}
