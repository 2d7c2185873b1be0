package io.ipvsd.cli.manage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The text `ipvsctl status` prints from the daemon's JSON answer. */
class StatusCommandTest {
    private static final String ANSWER = """
            {"config":"/etc/ipvsd/ipvsd.toml","config_generation":3,"started":"2026-12-01T07:00:00Z","ticks":9,
             "operations_applied":4,"failures":0,
             "last_tick":{"started":"2026-12-01T07:05:00Z","duration_ms":7012.5,"reading_ms":5890.2,
                          "real_servers_read":10210,"oldest_real_server_reading":"2026-12-01T07:03:58Z",
                          "planned":0,"applied":0,"failures":[]},
             "unread_services":[{"service":"TCP 10.77.0.50:5060","reason":"real server 10.77.0.9:5060: unknown tunnel type 7"}],
             "health":[],
             "vrrp":[{"name":"VI_1","interface":"ens192","vrid":98,"version":2,"state":"FAULT","priority":100,
                      "effective_priority":0,"master":null,"since":"2026-12-01T07:01:00Z",
                      "faults":["tracked interface ens224 is down"],"adverts_sent":12,"adverts_received":30,
                      "dropped":{"auth_password":2},
                      "warnings":["192.0.2.22 advertises VRID 98 on ens192 with adverts this node drops (auth_password): both nodes may be master"]}],
             "addresses":[{"address":"192.0.2.98/24","dev":"ens192","label":"ens192:1","owner":"VI_1","present":false},
                          {"address":"192.0.2.50/32","dev":"lo","label":null,"owner":null,"present":true}]}
            """;

    @Test
    void showsTheLastPassUnreadServicesInstancesAndAddresses() throws Exception {
        StringWriter text = new StringWriter();
        StatusCommand.print(new ObjectMapper().readTree(ANSWER), new PrintWriter(text, true));
        String out = text.toString();
        assertTrue(out.contains("last tick:   2026-12-01T07:05:00Z, 7012.5 ms (5890.2 ms reading the kernel, 10210 real "
                + "servers), 0 planned, 0 applied\n  oldest:    real servers last read at 2026-12-01T07:03:58Z\n"), out);
        assertTrue(out.contains("NOT READ:    TCP 10.77.0.50:5060: real server 10.77.0.9:5060: unknown tunnel type 7 (left alone)"), out);
        assertTrue(out.matches("(?s).*VI_1 +ens192 +98 FAULT +0/100 +- .*"), out);
        assertTrue(out.contains("  fault:     tracked interface ens224 is down"), out);
        assertTrue(out.contains("  dropped:   auth_password 2"), out);
        assertTrue(out.contains("  WARNING:   192.0.2.22 advertises VRID 98"), out);
        assertTrue(out.matches("(?s).*192\\.0\\.2\\.98/24 +ens192 +ens192:1 +VI_1 +no.*"), out);
        assertTrue(out.matches("(?s).*192\\.0\\.2\\.50/32 +lo +- +\\(static\\) +yes.*"), out);
    }
}
