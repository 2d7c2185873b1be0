package io.ipvsd.cli.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepalivedImportTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private List<ConfLine> lines(String text, String configId) throws Exception {
        return KeepalivedSource.read(write("k.conf", text), configId, new Diagnostics());
    }

    private static List<String> words(List<ConfLine> lines) {
        return lines.stream().map(l -> String.join(" ", l.words())).toList();
    }

    @Test
    void commentsStartWithHashOrBangOutsideQuotes() throws Exception {
        List<ConfLine> l = lines("a b ! gone\nmisc_path \"/bin/check #1 !x\" # gone\n! all gone\nd \\!e\n", null);
        assertEquals(List.of("a b", "misc_path /bin/check #1 !x", "d !e"), words(l));
        assertEquals(2, l.get(1).words().size());
    }

    @Test
    void bracesCutLinesSoAOneLineBlockIsThreeLines() throws Exception {
        assertEquals(List.of("authentication", "{", "auth_type PASS auth_pass 1111", "}"),
                words(lines("authentication { auth_type PASS auth_pass 1111 }\n", null)));
    }

    @Test
    void configIdLinesDefinitionsAndSequences() throws Exception {
        String text = """
                @lb1 priority 150
                @lb2 priority 100
                @^lb1 state BACKUP
                $VIP=192.0.2.10
                $PORT=80
                virtual_server $VIP ${PORT}
                ~SEQ(n, 1, 3) real_server 198.51.100.$n 80
                """;
        assertEquals(List.of("priority 150", "virtual_server 192.0.2.10 80", "real_server 198.51.100.1 80",
                "real_server 198.51.100.2 80", "real_server 198.51.100.3 80"), words(lines(text, "lb1")));
        assertEquals(List.of("priority 100", "state BACKUP"), words(lines(text, "lb2")).subList(0, 2));
    }

    @Test
    void includesGlobRelativeToTheIncludingFileInSortedOrderAndMissingIsNoError() throws Exception {
        write("conf.d/b.conf", "second\n");
        write("conf.d/a.conf", "first\n");
        Path main = write("main.conf", "include conf.d/*.conf\ninclude nothing/*.conf\nlast\n");
        Diagnostics d = new Diagnostics();
        assertEquals(List.of("first", "second", "last"), words(KeepalivedSource.read(main, null, d)));
        assertTrue(d.notes().stream().anyMatch(n -> n.keyword().equals("include")));
    }

    private KeepalivedImport.Result importText(String text) throws Exception {
        return KeepalivedImport.run(write("keepalived.conf", text), "lb1", null);
    }

    private static void assertValid(String toml) {
        LoadResult r = ConfigLoader.parse(toml, "out.toml");
        assertInstanceOf(LoadResult.Loaded.class, r, () -> toml + "\n" + r);
    }

    @Test
    void keepalivedsSilentCorrectionsAreBuiltAndSaid() throws Exception {
        KeepalivedImport.Result r = importText("""
                virtual_server 192.0.2.10 80 {
                    lb_algo rr
                    lb_kind DR
                    real_server 198.51.100.1 8080 {
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                virtual_server 192.0.2.11 80 {
                    protocol TCP
                }
                """);
        String toml = r.toml();
        assertTrue(toml.contains("protocol = \"udp\""), toml);
        assertTrue(toml.contains("port = 80\n  method = \"dr\""), toml);
        assertTrue(toml.contains("connect_port = 8080"), toml);
        assertFalse(toml.contains("192.0.2.11\""), toml);
        assertTrue(r.notes().stream().anyMatch(n -> n.why().contains("defaults to UDP")));
        assertTrue(r.notes().stream().anyMatch(n -> n.why().contains("no real servers")));
        assertValid(toml);
    }

    @Test
    void noMethodIsNatAndHttpWithoutStatusCodeAccepts200To299() throws Exception {
        KeepalivedImport.Result r = importText("""
                virtual_server 192.0.2.10 80 {
                    protocol TCP
                    real_server 198.51.100.1 8080 {
                        HTTP_GET {
                            url {
                                path /health
                            }
                        }
                    }
                }
                """);
        assertTrue(r.toml().contains("method = \"nat\""), r.toml());
        assertTrue(r.toml().contains("path = \"/health\", expect_status = [200, 201,"), r.toml());
        assertTrue(r.toml().contains("298, 299]"), r.toml());
        assertValid(r.toml());
    }

    @Test
    void passwordsAreCutTo8AndAOneLineAuthenticationBlockHasNone() throws Exception {
        String instance = """
                vrrp_instance VI_%d {
                    interface eth0
                    virtual_router_id %d
                    %s
                    virtual_ipaddress {
                        192.0.2.%d/24 dev eth0 label eth0:1
                    }
                }
                """;
        KeepalivedImport.Result r = importText(String.format(instance, 1, 51,
                "authentication {\n auth_type PASS\n auth_pass 123456789\n }", 1)
                + String.format(instance, 2, 52, "authentication { auth_type PASS auth_pass secret }", 2));
        assertTrue(r.toml().contains("auth_pass = \"12345678\""), r.toml());
        assertFalse(r.toml().contains("auth_pass = \"secret\""), r.toml());
        assertTrue(r.toml().indexOf("auth_pass = ") == r.toml().lastIndexOf("auth_pass = "), r.toml());
        assertTrue(r.notes().stream().anyMatch(n -> n.why().contains("no password given")));
        assertTrue(r.toml().contains("\"192.0.2.1/24 dev eth0 label eth0:1\""), r.toml());
        assertValid(r.toml());
    }

    @Test
    void fwmarkServicesTakeTheirRulesFromIptablesSave() throws Exception {
        Path conf = write("fw.conf", """
                virtual_server fwmark 7 {
                    lb_kind DR
                    real_server 198.51.100.1 80 {
                        TCP_CHECK {
                        }
                    }
                }
                """);
        KeepalivedImport.Result without = KeepalivedImport.run(conf, null, null);
        assertTrue(without.needsMarks());
        assertTrue(without.toml().contains("PLACEHOLDER"));
        Path save = write("iptables.save", """
                *mangle
                :PREROUTING ACCEPT [0:0]
                -A PREROUTING -d 192.0.2.20/32 -p tcp -m tcp --dport 80 -m mac ! --mac-source 52:54:00:12:34:56 -j MARK --set-xmark 0x7/0xffffffff
                COMMIT
                """);
        KeepalivedImport.Result with = KeepalivedImport.run(conf, null, save);
        assertFalse(with.needsMarks());
        assertTrue(with.toml().contains("exclude_source_macs = [\"52:54:00:12:34:56\"]"), with.toml());
        assertTrue(with.toml().contains("port = 0\n  method = \"dr\""), with.toml());
        assertValid(with.toml());
    }

    @Test
    void newCheckTypesAreWrittenInContractASyntax() throws Exception {
        KeepalivedImport.Result r = importText("""
                virtual_server 192.0.2.10 53 {
                    protocol UDP
                    lb_kind NAT
                    real_server 198.51.100.1 53 {
                        DNS_CHECK {
                            type A
                            name example.org
                        }
                        PING_CHECK {
                        }
                        UDP_CHECK {
                            payload 0a0b
                            require_reply 0c
                        }
                    }
                }
                """);
        String t = r.toml();
        assertTrue(t.contains("health_checks = [{ type = \"dns\""), t);
        assertTrue(t.contains("query_type = \"A\", query_name = \"example.org\""), t);
        assertTrue(t.contains("{ type = \"ping\""), t);
        assertTrue(t.contains("payload_hex = \"0a0b\", expect_reply_hex = \"0c\", require_reply = true"), t);
    }
}
