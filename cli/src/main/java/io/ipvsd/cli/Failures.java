package io.ipvsd.cli;

import io.ipvsd.genl.FamilyNotFoundException;
import io.ipvsd.ipvs.conn.ConnectionTableReader;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one line ipvsctl prints for a failed command: what went wrong and, where known, what to do. */
final class Failures {
    private Failures() {
    }

    static String message(Exception e) {
        if (e instanceof FamilyNotFoundException) {
            return "IPVS is not available: the kernel has no IPVS netlink family (is the ip_vs module loaded?)";
        }
        if (e instanceof NetlinkException n && (n.errno() == Errno.EPERM || n.errno() == Errno.EACCES)) {
            return "permission denied (" + n.op() + "): ipvsctl needs root (CAP_NET_ADMIN, and CAP_SYS_ADMIN for --netns)";
        }
        if (e instanceof NoSuchFileException f && Path.of(f.getFile()).equals(ConnectionTableReader.PROC_FILE)) {
            return "IPVS is not available: no " + f.getFile() + (f.getReason() == null ? "" : " " + f.getReason())
                    + " (is the ip_vs module loaded?)";
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "no such file" : f.getReason());
        }
        if (e instanceof IOException) {
            return oneLine(e.getMessage());
        }
        return "internal error: " + oneLine(e.toString());
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
