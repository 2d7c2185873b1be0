package io.ipvsd.ipvs.conn;

import java.io.IOException;

/** A line of /proc/net/ip_vs_conn that does not have the layout the kernel writes. */
public class ConnectionTableFormatException extends IOException {
    private final int lineNumber;
    private final String line;

    public ConnectionTableFormatException(int lineNumber, String line, String reason) {
        super("ip_vs_conn line " + lineNumber + ": " + reason + ": \"" + line + "\"");
        this.lineNumber = lineNumber;
        this.line = line;
    }

    /** 1-based; line 1 is the column header. */
    public int lineNumber() {
        return lineNumber;
    }

    public String line() {
        return line;
    }
}
