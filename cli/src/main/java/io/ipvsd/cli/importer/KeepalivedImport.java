package io.ipvsd.cli.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** keepalived.conf (and optionally an iptables-save file) to an ipvsd file. */
public final class KeepalivedImport {
    /** What the import made: the file text, whether it still needs editing (mark placeholders), its notes. */
    public record Result(String toml, boolean needsMarks, List<Diagnostics.Note> notes) {
    }

    private static final Set<String> IGNORED_ROOTS = Set.of("vrrp_script", "vrrp_track_file", "vrrp_track_process",
            "track_file", "track_process", "static_routes", "static_rules", "garp_group", "linkbeat_interfaces",
            "bfd_instance", "SSL", "virtual_server_group", "track_group", "interface_up_down_delays");

    private KeepalivedImport() {
    }

    public static Result run(Path file, String configId, Path iptablesSave) throws ImportException {
        Diagnostics d = new Diagnostics();
        List<ConfLine> lines = KeepalivedSource.read(file, configId, d);
        List<ConfNode> top = ConfNode.parse(lines, d);
        List<IptablesMarks.MarkRule> rules = iptablesSave == null ? List.of() : IptablesMarks.read(iptablesSave, d);

        TomlDocument doc = new TomlDocument(d);
        doc.headComment("Imported by `ipvsctl import keepalived` from " + file + " (config id "
                + (configId == null ? "none" : configId) + ").\n"
                + "It builds what keepalived 2.2.7 builds from that file; every keyword not carried over,\n"
                + "and every silent correction keepalived makes, is noted as FILE:LINE: keyword: why.");
        KeepalivedLvs lvs = new KeepalivedLvs(d);
        KeepalivedVrrp vrrp = new KeepalivedVrrp(d, doc);
        for (ConfNode n : top) {
            if (n.keyword().equals("virtual_server_group")) {
                lvs.readGroup(n);
            }
        }
        for (ConfNode n : top) {
            switch (n.keyword()) {
                case "virtual_server" -> lvs.translate(n, doc);
                case "vrrp_instance" -> vrrp.instance(n);
                case "vrrp_sync_group" -> vrrp.syncGroup(n);
                case "static_ipaddress" -> vrrp.staticAddresses(n);
                case "global_defs" -> globalDefs(n, vrrp, d);
                case "virtual_server_group" -> {
                    // read in the first pass
                }
                default -> {
                    if (IGNORED_ROOTS.contains(n.keyword())) {
                        d.add(n.line(), "no ipvsd equivalent; the block is not carried over");
                    } else {
                        d.add(n.line(), "Unknown keyword (keepalived reports it and reads on)");
                    }
                }
            }
        }
        if (vrrp.syncDaemonTable() != null) {
            doc.add(vrrp.syncDaemonTable());
        }
        boolean needsMarks = false;
        for (KeepalivedLvs.MarkNeed need : lvs.marks) {
            List<IptablesMarks.MarkRule> matching = rules.stream()
                    .filter(r -> r.mark() == need.mark() && r.family().equals(need.family())).toList();
            if (matching.isEmpty()) {
                needsMarks = true;
                doc.flushNotes();
                doc.comment("PLACEHOLDER (fill in before use): fwmark " + need.mark() + " (" + need.family() + ", " + need.where()
                        + ") is set by firewall rules outside keepalived.conf.\n"
                        + "Write the packets it marks as a [[mark]] rule (or re-run with --iptables-save FILE), e.g.:\n"
                        + "[[mark]]\n"
                        + "fwmark = " + need.mark() + "\n"
                        + "address = \"" + (need.family().equals("ipv6") ? "2001:db8::1" : "192.0.2.1") + "\"   # the VIP\n"
                        + "protocol = \"tcp\"\n"
                        + "ports = [80, 443]\n"
                        + "exclude_source_macs = []   # e.g. the peer director's MAC");
                d.add(need.where(), "fwmark " + need.mark(), "the marking rules are not in keepalived.conf; "
                        + "a [[mark]] placeholder was written (fill it in, or use --iptables-save)");
            }
            for (IptablesMarks.MarkRule r : matching) {
                TomlTable t = doc.table("[[mark]]");
                t.comment("from " + r.where());
                r.keys().forEach(t::put);
            }
        }
        doc.flushNotes();
        return new Result(doc.render(), needsMarks, d.notes());
    }

    private static void globalDefs(ConfNode n, KeepalivedVrrp vrrp, Diagnostics d) {
        for (ConfNode g : n.block()) {
            if (g.keyword().equals("lvs_sync_daemon")) {
                vrrp.globalSyncDaemon(g.line());
            } else {
                d.add(g.line(), "global_defs setting without ipvsd equivalent; not carried over");
            }
        }
    }
}
