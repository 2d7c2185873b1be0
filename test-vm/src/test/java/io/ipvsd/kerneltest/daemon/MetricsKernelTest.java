package io.ipvsd.kerneltest.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipvsd.kerneltest.ExecResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's metrics against the kernel: ipvsd with [metrics] on, in the director's namespace,
 * a NAT service over two busybox httpd real servers, real HTTP traffic from the client. After it,
 * the counters /metrics serves equal {@code ipvsadm -Ln --stats --exact}; promtool accepts the
 * text; and a real Prometheus (Debian's), scraping ipvsd every second on the director's
 * loopback, returns data for every panel expression of the shipped Grafana dashboard.
 */
@Tag("kernel")
class MetricsKernelTest {
    private static final int REQUESTS = 20;
    /** A JVM and Prometheus starting under emulation on a busy host: a first start once took over 60 s. */
    private static final Duration START = Duration.ofSeconds(180);
    private static final String CONFIG = """
            [metrics]
            enabled = true
            port = 9410

            [sysctl]
            "net.ipv4.ip_forward" = 1

            [[vrrp_instance]]
            name = "VI_1"
            interface = "d0"
            virtual_router_id = 51
            priority = 100
            advert_int = "1s"
            virtual_ipaddress = ["10.77.1.100/24"]

            [[service]]
            name = "web"
            protocol = "tcp"
            address = "10.77.0.10"
            port = 80
            scheduler = "rr"
            health_check = { type = "http", path = "/healthz", interval = "1s", timeout = "1s", fall = 2, rise = 1 }
              [[service.real]]
              address = "10.77.2.11"
              method = "nat"
              [[service.real]]
              address = "10.77.2.12"
              method = "nat"
            """;
    /** ipvsadm's --stats columns, and the metric each one is (service_ or real_server_ before it). */
    private static final List<String> COLUMNS = List.of("connections", "incoming_packets", "outgoing_packets",
            "incoming_bytes", "outgoing_bytes");
    private static final Pattern SAMPLE = Pattern.compile("^ipvsd_(service|real_server)_(\\w+)_total\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private DirectorLab lab;
    private Process prometheus;

    @BeforeEach
    void network() {
        lab = DirectorLab.create("10.77.0.10");
        lab.addServer("rs1", "10.77.2.11", 80);
        lab.addServer("rs2", "10.77.2.12", 80);
        lab.writeConfig(lab.daemonSection("1s") + CONFIG);
        lab.startDaemon();
        lab.awaitRules(START, "both real servers in", java.util.Set.of(
                "-A -t 10.77.0.10:80 -s rr", "-a -t 10.77.0.10:80 -r 10.77.2.11:80 -m -w 1",
                "-a -t 10.77.0.10:80 -r 10.77.2.12:80 -m -w 1"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        lab.close();
    }

    @Test
    void countersMatchIpvsadmPromtoolAcceptsAndEveryPanelHasData(@TempDir Path tmp) throws Exception {
        startPrometheus(tmp);
        long t0 = System.nanoTime();
        List<String> answers = lab.get("10.77.0.10", 80, REQUESTS);
        assertEquals(Map.of("rs1", (long) REQUESTS / 2, "rs2", (long) REQUESTS / 2), DirectorLab.count(answers));

        // The kernel copies its per-CPU counters into what netlink reports every 2 s, and ipvsd
        // reads them at each pass (1 s): once both have happened after the traffic, the numbers
        // are still, and the two must agree exactly.
        Map<String, List<Long>> expected = Await.until(Duration.ofSeconds(90), "ipvsadm and /metrics agree",
                () -> List.of(ipvsadmStats(), scrapedStats()),
                both -> both.get(0).equals(both.get(1))
                        && both.get(0).getOrDefault("10.77.0.10:80", List.of(0L)).get(0) == REQUESTS,
                lab::context).get(0);
        Timing.log("metrics: scraped counters equal ipvsadm's", t0);
        assertEquals(REQUESTS / 2, expected.get("10.77.0.10:80 10.77.2.11:80").get(0));

        Path text = Files.writeString(tmp.resolve("metrics.txt"), scrape());
        ExecResult promtool = ExecResult.run(Duration.ofSeconds(60),
                List.of("sh", "-c", "promtool check metrics < " + text));
        assertEquals(0, promtool.exitCode(), promtool.toString());

        long t1 = System.nanoTime();
        for (String expr : dashboardExpressions()) {
            Await.until(START, "Prometheus has data for " + expr, () -> query(expr),
                    body -> body.contains("\"status\":\"success\"") && !body.contains("\"result\":[]"),
                    lab::context);
        }
        Timing.log("metrics: every dashboard expression has data in Prometheus", t1);
    }

    private void startPrometheus(Path tmp) throws IOException {
        Path config = Files.writeString(tmp.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: ipvsd
                    static_configs:
                      - targets: ["127.0.0.1:9410"]
                """);
        prometheus = new ProcessBuilder("ip", "netns", "exec", lab.director().name(), "prometheus",
                "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("data"),
                "--web.listen-address=127.0.0.1:9090")
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
    }

    /** Every {@code expr} of the dashboard's panels, with Grafana's variables as a dashboard would set them. */
    private static List<String> dashboardExpressions() throws IOException {
        Path classes;
        try {
            classes = Path.of(MetricsKernelTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        // test-vm/target/test-classes -> the repository's daemon/src/main/dist
        Path dashboard = classes.getParent().getParent().getParent().resolve("daemon/src/main/dist/grafana-dashboard.json");
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText()
                        .replace("$__rate_interval", "15s")
                        .replace("$service", ".*"));
            }
        }
        assertTrue(exprs.size() > 10, "the dashboard's expressions: " + exprs);
        return exprs;
    }

    private String query(String expr) {
        // Not asserted: Prometheus may still be starting (curl fails until it listens).
        return lab.director().exec("curl", "-sS", "--max-time", "10", "http://127.0.0.1:9090/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8)).stdout();
    }

    private String scrape() {
        return lab.inDirector("curl", "-sS", "--max-time", "10", "http://127.0.0.1:9410/metrics").assertSuccess().stdout();
    }

    /** "vip:port" and "vip:port rip:port" to the five counters, from /metrics. */
    private Map<String, List<Long>> scrapedStats() {
        Map<String, Long[]> rows = new TreeMap<>();
        for (String line : scrape().lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches() || !COLUMNS.contains(m.group(2))) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(m.group(3));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            String key = labels.get("local_address") + ":" + labels.get("local_port")
                    + (m.group(1).equals("real_server") ? " " + labels.get("remote_address") + ":" + labels.get("remote_port") : "");
            rows.computeIfAbsent(key, k -> new Long[COLUMNS.size()])[COLUMNS.indexOf(m.group(2))] =
                    (long) Double.parseDouble(m.group(4));
        }
        Map<String, List<Long>> out = new TreeMap<>();
        rows.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    /** The same from {@code ipvsadm -Ln --stats --exact}. */
    private Map<String, List<Long>> ipvsadmStats() {
        Map<String, List<Long>> out = new TreeMap<>();
        String service = null;
        for (String line : lab.inDirector("ipvsadm", "-Ln", "--stats", "--exact").assertSuccess().stdout().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("TCP") && f.length == 7) {
                service = f[1];
                out.put(service, numbers(f, 2));
            } else if (f[0].equals("->") && f.length == 7 && service != null) {
                out.put(service + " " + f[1], numbers(f, 2));
            }
        }
        return out;
    }

    private static List<Long> numbers(String[] fields, int from) {
        List<Long> n = new ArrayList<>();
        for (int i = from; i < fields.length; i++) {
            n.add(Long.parseLong(fields[i]));
        }
        return n;
    }
}
