package io.ipvsd.daemon.health;

/**
 * keepalived's DNS_CHECK: one query over UDP, up on an answer with the query's id, QR set and RCODE
 * NOERROR.
 *
 * @param to        where to send it (the parser defaults the port to 53) and from where
 * @param queryName the name asked for, "." for the root
 * @param queryType the record type asked for
 */
public record DnsCheck(CheckAddress to, String queryName, DnsType queryType) implements CheckSpec {
    public DnsCheck {
        String problem = nameProblem(queryName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code name} cannot be asked for (an empty or too long label...), or null when it can. */
    public static String nameProblem(String name) {
        return DnsMessage.nameProblem(name);
    }
}
