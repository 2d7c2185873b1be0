package io.ipvsd.daemon.health;

import java.util.Objects;
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

    /**
     * Value equality, with the regex compared by its text and flags: {@link Pattern} has identity
     * equality, so without this every config reload would look like a policy change and reset the
     * real server's health state.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof HttpCheck other
                && tls == other.tls && verifyTls == other.verifyTls && connectPort == other.connectPort
                && Objects.equals(path, other.path) && Objects.equals(host, other.host)
                && expectStatus.equals(other.expectStatus) && Objects.equals(bodyContains, other.bodyContains)
                && Objects.equals(regexText(), other.regexText()) && regexFlags() == other.regexFlags();
    }

    @Override
    public int hashCode() {
        return Objects.hash(tls, verifyTls, path, host, expectStatus, bodyContains, regexText(), regexFlags(),
                connectPort);
    }

    private String regexText() {
        return bodyRegex == null ? null : bodyRegex.pattern();
    }

    private int regexFlags() {
        return bodyRegex == null ? 0 : bodyRegex.flags();
    }
}
