package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived's checkers (TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK, SMTP_CHECK, DNS_CHECK,
 * UDP_CHECK, PING_CHECK) as ipvsd health_check tables. Timing follows keepalived: a checker's
 * own value, else the real server's, else the virtual server's, else keepalived's default
 * (delay_loop 60 s, connect_timeout 5 s, retry 1, delay_before_retry 1 s); keepalived marks a
 * server down after the first failure and {@code retry} more, so fall = retry + 1, and up after
 * one success (rise 1).
 */
final class KeepalivedChecks {
    /** The timing keywords a virtual server, real server or checker can carry. */
    static final class Timing {
        Long delayLoopMs;
        Long connectTimeoutMs;
        Long retry;
        Long delayBeforeRetryMs;
        Long warmupMs;
        Boolean alpha;

        Timing inherit(Timing outer) {
            Timing t = new Timing();
            t.delayLoopMs = delayLoopMs != null ? delayLoopMs : outer.delayLoopMs;
            t.connectTimeoutMs = connectTimeoutMs != null ? connectTimeoutMs : outer.connectTimeoutMs;
            t.retry = retry != null ? retry : outer.retry;
            t.delayBeforeRetryMs = delayBeforeRetryMs != null ? delayBeforeRetryMs : outer.delayBeforeRetryMs;
            t.warmupMs = warmupMs != null ? warmupMs : outer.warmupMs;
            t.alpha = alpha != null ? alpha : outer.alpha;
            return t;
        }

        /** Reads one timing keyword; false when {@code node} is not one. */
        boolean read(ConfNode node, Diagnostics d) {
            ConfLine l = node.line();
            switch (l.keyword()) {
                case "delay_loop" -> delayLoopMs = KeepalivedValues.timerMs(l, 1, d);
                case "connect_timeout" -> connectTimeoutMs = KeepalivedValues.timerMs(l, 1, d);
                case "retry", "nb_get_retry" -> retry = KeepalivedValues.number(l, 1, 0, 4294967295L, d);
                case "delay_before_retry" -> delayBeforeRetryMs = KeepalivedValues.timerMs(l, 1, d);
                case "warmup" -> warmupMs = KeepalivedValues.timerMs(l, 1, d);
                case "alpha" -> alpha = l.word(1) == null || KeepalivedValues.truth(l.word(1));
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    private final Diagnostics d;

    KeepalivedChecks(Diagnostics d) {
        this.d = d;
    }

    /**
     * One checker block as an ipvsd health check (values in TOML syntax), or null when it cannot
     * be carried over (reported).
     *
     * @param realPort the real server's port as written (keepalived connects there by default)
     * @param keptPort the real server's port in the output (0 for fwmark/all-port DR services)
     * @param virtualhost the virtual or real server's virtualhost, or null
     */
    Map<String, String> translate(ConfNode checker, Timing outer, int realPort, int keptPort, String virtualhost) {
        String kind = checker.keyword();
        Map<String, String> check = new LinkedHashMap<>();
        Timing own = new Timing();
        Integer connectPort = null;
        List<Map<String, String>> urls = new ArrayList<>();
        String host = virtualhost;
        String type;
        switch (kind) {
            case "TCP_CHECK" -> type = "tcp";
            case "HTTP_GET" -> type = "http";
            case "SSL_GET" -> type = "https";
            case "MISC_CHECK" -> type = "exec";
            case "SMTP_CHECK" -> type = "smtp";
            case "DNS_CHECK" -> type = "dns";
            case "UDP_CHECK" -> type = "udp";
            case "PING_CHECK" -> type = "ping";
            default -> {
                d.add(checker.line(), "this checker has no ipvsd equivalent; the real server is imported without it");
                return null;
            }
        }
        check.put("type", TomlValues.str(type));
        Map<String, String> typeKeys = new LinkedHashMap<>();
        for (ConfNode n : checker.block()) {
            ConfLine l = n.line();
            if (own.read(n, d)) {
                continue;
            }
            switch (l.keyword()) {
                case "connect_port" -> {
                    Long p = KeepalivedValues.number(l, 1, 1, 65535, d);
                    connectPort = p == null ? null : p.intValue();
                }
                case "connect_ip" -> putAddress(typeKeys, "connect_ip", l);
                case "bindto", "bind_ip" -> putAddress(typeKeys, "bind_ip", l);
                case "log_all_failures" -> d.add(l, "logging choice; ipvsd logs every state change");
                case "virtualhost" -> host = l.word(1);
                case "url" -> urls.add(url(n));
                case "misc_path" -> typeKeys.put("command", TomlValues.strings(KeepalivedValues.commandWords(l)));
                case "misc_timeout" -> own.connectTimeoutMs = KeepalivedValues.timerMs(l, 1, d);
                case "misc_dynamic" -> typeKeys.put("dynamic_weight", "true");
                case "helo_name" -> typeKeys.put("helo_name", TomlValues.str(l.word(1) == null ? "" : l.word(1)));
                case "type" -> typeKeys.put("query_type", TomlValues.str(l.word(1) == null ? "" : l.word(1).toUpperCase()));
                case "name" -> typeKeys.put("query_name", TomlValues.str(l.word(1) == null ? "." : l.word(1)));
                case "payload" -> typeKeys.put("payload_hex", TomlValues.str(l.word(1) == null ? "" : l.word(1)));
                case "require_reply" -> {
                    if (l.word(1) != null) {
                        typeKeys.put("expect_reply_hex", TomlValues.str(l.word(1)));
                    }
                    typeKeys.put("require_reply", "true");
                }
                default -> d.add(l, "not carried over: ipvsd's " + type + " check has no such setting");
            }
        }
        Timing t = own.inherit(outer);
        check.put("interval", TomlValues.millis(t.delayLoopMs != null ? t.delayLoopMs : 60_000));
        check.put("timeout", TomlValues.millis(t.connectTimeoutMs != null ? t.connectTimeoutMs : 5_000));
        long retry = t.retry != null ? t.retry : 1;
        check.put("fall", TomlValues.num(Math.min(retry + 1, 1000)));
        if (retry + 1 > 1000) {
            d.add(checker.line(), "retry " + retry + ": ipvsd's fall is at most 1000");
        }
        check.put("rise", "1");
        long retryDelay = t.delayBeforeRetryMs != null ? t.delayBeforeRetryMs : 1_000;
        if (retryDelay > 0) {
            check.put("retry_delay", TomlValues.millis(retryDelay));
        } else {
            d.add(checker.line(), "delay_before_retry 0: ipvsd needs a retry delay > 0; the check's interval is used");
        }
        if (t.warmupMs != null && t.warmupMs > 0) {
            check.put("warmup", TomlValues.millis(t.warmupMs));
        }
        if (Boolean.TRUE.equals(t.alpha)) {
            check.put("initial_state", TomlValues.str("down"));
        }
        int port = connectPort != null ? connectPort : realPort;
        boolean usesPort = !type.equals("ping") && !type.equals("exec");
        if (usesPort && (connectPort != null || port != keptPort || keptPort == 0)) {
            if (port == 0) {
                d.add(checker.line(), "checks port 0 (the real server has no port and no connect_port is set)");
                return null;
            }
            check.put("connect_port", TomlValues.num(port));
        }
        if (type.equals("exec") && !typeKeys.containsKey("command")) {
            d.add(checker.line(), "MISC_CHECK without misc_path: keepalived refuses this checker");
            return null;
        }
        if (type.equals("http") || type.equals("https")) {
            if (host != null) {
                check.put("host", TomlValues.str(host));
            }
            if (urls.isEmpty()) {
                d.add(checker.line(), "HTTP check without url: keepalived checks nothing and removes this checker");
                return null;
            }
            if (urls.size() == 1 && !urls.get(0).containsKey("digest")) {
                check.putAll(urls.get(0));
            } else {
                List<String> inline = new ArrayList<>();
                for (Map<String, String> u : urls) {
                    inline.add(TomlValues.inline(u));
                }
                check.put("urls", TomlValues.array(inline));
            }
        }
        check.putAll(typeKeys);
        return check;
    }

    private void putAddress(Map<String, String> keys, String key, ConfLine l) {
        if (l.word(1) == null) {
            d.add(l, "no address given; keepalived ignores it");
            return;
        }
        keys.put(key, TomlValues.str(l.word(1)));
    }

    /** One url { path, digest, status_code } block; no status_code means keepalived's 200-299. */
    private Map<String, String> url(ConfNode urlNode) {
        Map<String, String> u = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>();
        for (ConfNode n : urlNode.block()) {
            ConfLine l = n.line();
            switch (l.keyword()) {
                case "path" -> u.put("path", TomlValues.str(l.word(1) == null ? "/" : l.word(1)));
                case "digest" -> u.put("digest", TomlValues.str(l.word(1) == null ? "" : l.word(1).toLowerCase()));
                case "status_code" -> {
                    for (int i = 1; i < l.words().size(); i++) {
                        codes.addAll(KeepalivedValues.statusCodes(l, l.word(i), d));
                    }
                }
                default -> d.add(l, "not carried over: ipvsd checks a url by status and digest only");
            }
        }
        if (codes.isEmpty()) {
            for (int c = 200; c <= 299; c++) {
                codes.add(Integer.toString(c));
            }
            d.add(urlNode.line(), "no status_code: keepalived accepts 200-299, written out as expect_status");
        }
        if (!u.containsKey("path")) {
            u.put("path", TomlValues.str("/"));
        }
        u.put("expect_status", TomlValues.array(codes));
        return u;
    }
}
