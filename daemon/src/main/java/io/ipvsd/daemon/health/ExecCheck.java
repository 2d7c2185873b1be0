package io.ipvsd.daemon.health;

import java.util.List;

/**
 * Run a command (keepalived's MISC_CHECK); exit 0 means up. The real server's address and port
 * are passed in the environment (IPVSD_RS_ADDR, IPVSD_RS_PORT) and the command is killed at the
 * policy's timeout.
 *
 * @param command       argv, never empty
 * @param dynamicWeight as keepalived's misc_dynamic: exit 0 = up with configured weight, 1 = down,
 *                      2..255 = up with weight (exit - 2)
 */
public record ExecCheck(List<String> command, boolean dynamicWeight) implements CheckSpec {
    public ExecCheck {
        command = List.copyOf(command);
    }
}
