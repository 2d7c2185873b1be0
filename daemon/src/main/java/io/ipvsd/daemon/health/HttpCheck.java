package io.ipvsd.daemon.health;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GET each URL in turn, each on its own connection, and judge the answers, as keepalived's HTTP_GET /
 * SSL_GET do: the check passes when every URL passes.
 *
 * @param tls       HTTPS instead of HTTP
 * @param verifyTls verify the server certificate (only with tls)
 * @param host      Host header (keepalived's virtualhost), or null for the address connected to
 * @param urls      the URLs, at least one
 * @param to        where to connect and from where
 */
public record HttpCheck(boolean tls, boolean verifyTls, String host, List<HttpUrl> urls, CheckAddress to)
        implements CheckSpec {
    public HttpCheck {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an HTTP check needs a URL");
        }
    }

    /** One URL on the real server (or {@code connectPort}), from any source address. */
    public HttpCheck(boolean tls, boolean verifyTls, String path, String host, Set<Integer> expectStatus,
                     String bodyContains, Pattern bodyRegex, int connectPort) {
        this(tls, verifyTls, host, List.of(new HttpUrl(path, expectStatus, bodyContains, bodyRegex, null)),
                CheckAddress.port(connectPort));
    }

    public int connectPort() {
        return to.connectPort();
    }
}
