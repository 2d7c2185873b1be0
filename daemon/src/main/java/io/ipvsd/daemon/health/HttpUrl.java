package io.ipvsd.daemon.health;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One GET of an HTTP check and how its answer is judged (keepalived's {@code url} block).
 *
 * @param path         request path, starting with '/'
 * @param expectStatus accepted status codes (never empty)
 * @param bodyContains substring the body must contain, or null
 * @param bodyRegex    pattern the body must match somewhere, or null
 * @param digest       lowercase MD5 hex of the whole body (keepalived's {@code digest}), or null
 */
public record HttpUrl(String path, Set<Integer> expectStatus, String bodyContains, Pattern bodyRegex, String digest) {
    public HttpUrl {
        Objects.requireNonNull(path, "path");
        expectStatus = Set.copyOf(expectStatus);
    }

    /** The body must be read (not just the status line). */
    boolean judgesBody() {
        return bodyContains != null || bodyRegex != null || digest != null;
    }

    /**
     * Value equality, with the regex compared by its text and flags: {@link Pattern} has identity
     * equality, so without this every config reload would look like a policy change and reset the
     * real server's health state.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof HttpUrl other && path.equals(other.path) && expectStatus.equals(other.expectStatus)
                && Objects.equals(bodyContains, other.bodyContains) && Objects.equals(digest, other.digest)
                && Objects.equals(regexText(), other.regexText()) && regexFlags() == other.regexFlags();
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, expectStatus, bodyContains, regexText(), regexFlags(), digest);
    }

    private String regexText() {
        return bodyRegex == null ? null : bodyRegex.pattern();
    }

    private int regexFlags() {
        return bodyRegex == null ? 0 : bodyRegex.flags();
    }
}
