package io.ipvsd.daemon.health;

/**
 * keepalived's SMTP_CHECK: read a 2xx greeting, send {@code HELO heloName}, expect 250 (then QUIT).
 *
 * @param to       where to connect (the parser defaults the port to 25) and from where
 * @param heloName the name given in HELO
 */
public record SmtpCheck(CheckAddress to, String heloName) implements CheckSpec {
}
