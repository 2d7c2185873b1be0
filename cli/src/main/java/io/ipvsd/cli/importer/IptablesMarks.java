package io.ipvsd.cli.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "-j MARK --set-mark" rules of the mangle table of an iptables-save (or ip6tables-save)
 * file as ipvsd [[mark]] tables: -d ADDR[/32|/128], -p, --dport / --dports (ranges a:b), -i,
 * "-m mac ! --mac-source MAC" (exclude_source_macs). A rule with any other match is reported and
 * not carried over: it would mark other packets than iptables does.
 */
final class IptablesMarks {
    /** One rule as ipvsd keys (TOML syntax) with its mark and family. */
    record MarkRule(long mark, String family, Map<String, String> keys, String where) {
    }

    private IptablesMarks() {
    }

    static List<MarkRule> read(Path file, Diagnostics d) throws ImportException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage());
        }
        List<MarkRule> rules = new ArrayList<>();
        String table = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1);
            if (line.startsWith("*")) {
                table = line.substring(1);
                continue;
            }
            if (!"mangle".equals(table) || !line.startsWith("-A ") || !line.contains("MARK")) {
                continue;
            }
            MarkRule rule = rule(line.split("\\s+"), where, d);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static MarkRule rule(String[] w, String where, Diagnostics d) {
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> macs = new ArrayList<>();
        Long mark = null;
        String address = null;
        String protocol = null;
        List<String> ports = new ArrayList<>();
        String inInterface = null;
        boolean negate = false;
        String chain = w[1];
        if (!chain.equals("PREROUTING")) {
            d.add(where, "-A " + chain, "only PREROUTING marks reach IPVS the way ipvsd's [[mark]] rules do; not carried over");
            return null;
        }
        for (int i = 2; i < w.length; i++) {
            String opt = w[i];
            String arg = i + 1 < w.length ? w[i + 1] : null;
            switch (opt) {
                case "!" -> {
                    negate = true;
                    continue;
                }
                case "-m" -> i++;
                case "-d", "--destination" -> {
                    if (negate || arg == null) {
                        return unsupported(where, "! -d", d);
                    }
                    address = arg.replaceFirst("/(32|128)$", "");
                    if (address.contains("/")) {
                        return unsupported(where, "-d " + arg + " (a network; [[mark]] takes addresses)", d);
                    }
                    i++;
                }
                case "-p", "--protocol" -> {
                    if (negate || arg == null) {
                        return unsupported(where, "! -p", d);
                    }
                    protocol = arg.toLowerCase();
                    i++;
                }
                case "--dport", "--destination-port", "--dports", "--destination-ports" -> {
                    if (negate || arg == null) {
                        return unsupported(where, "! " + opt, d);
                    }
                    for (String p : arg.split(",")) {
                        ports.add(p.contains(":") ? TomlValues.str(p.replace(':', '-')) : p);
                    }
                    i++;
                }
                case "-i", "--in-interface" -> {
                    if (negate || arg == null) {
                        return unsupported(where, "! -i", d);
                    }
                    inInterface = arg;
                    i++;
                }
                case "--mac-source" -> {
                    if (!negate || arg == null) {
                        return unsupported(where, "--mac-source without '!' (ipvsd only excludes MACs)", d);
                    }
                    macs.add(arg.toLowerCase());
                    i++;
                }
                case "-j" -> {
                    if (!"MARK".equals(arg)) {
                        return null;
                    }
                    i++;
                }
                case "--set-mark", "--set-xmark" -> {
                    if (arg == null) {
                        return unsupported(where, opt, d);
                    }
                    String[] vm = arg.split("/");
                    if (vm.length == 2 && !vm[1].equalsIgnoreCase("0xffffffff")) {
                        return unsupported(where, opt + " " + arg + " (a partial mask)", d);
                    }
                    mark = vm[0].startsWith("0x") ? Long.parseLong(vm[0].substring(2), 16) : Long.parseLong(vm[0]);
                    i++;
                }
                default -> {
                    return unsupported(where, opt, d);
                }
            }
            negate = false;
        }
        if (mark == null || mark == 0 || address == null) {
            d.add(where, "MARK", "a rule without destination address or non-zero mark is not carried over");
            return null;
        }
        keys.put("fwmark", TomlValues.num(mark));
        keys.put("address", TomlValues.str(address));
        if (protocol != null) {
            keys.put("protocol", TomlValues.str(protocol));
        }
        if (!ports.isEmpty()) {
            keys.put("ports", TomlValues.array(ports));
        }
        if (!macs.isEmpty()) {
            keys.put("exclude_source_macs", TomlValues.strings(macs));
        }
        if (inInterface != null) {
            keys.put("in_interface", TomlValues.str(inInterface));
        }
        return new MarkRule(mark, Addresses.family(address), keys, where);
    }

    private static MarkRule unsupported(String where, String what, Diagnostics d) {
        d.add(where, what, "this match has no ipvsd [[mark]] equivalent; the rule is not carried over");
        return null;
    }
}
