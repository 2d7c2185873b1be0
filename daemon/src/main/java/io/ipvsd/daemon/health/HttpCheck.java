package io.ipvsd.daemon.health;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * GET {@code path} and judge the answer, as keepalived's HTTP_GET / SSL_GET do.
 *
 * @param tls           HTTPS instead of HTTP
 * @param verifyTls     verify the server certificate (only with tls)
 * @param path          request path, starting with '/'
 * @param host          Host header, or null for the real server's address
 * @param expectStatus  accepted status codes (never empty)
 * @param bodyContains  substring the body must contain, or null
 * @param bodyRegex     pattern the body must match somewhere, or null
 * @param connectPort   port to connect to, or 0 to use the real server's own port
 */
public record HttpCheck(boolean tls, boolean verifyTls, String path, String host, Set<Integer> expectStatus,
                        String bodyContains, Pattern bodyRegex, int connectPort) implements CheckSpec {
    public HttpCheck {
        expectStatus = Set.copyOf(expectStatus);
    }
}
