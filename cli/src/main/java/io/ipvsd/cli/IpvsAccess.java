package io.ipvsd.cli;

import io.ipvsd.ipvs.conn.IpvsConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** How commands reach IPVS: the kernel in production, canned tables in tests. */
public interface IpvsAccess {
    /** @param netns a network namespace file (e.g. /run/netns/NAME), or null for this process's namespace */
    IpvsTable openTable(Path netns) throws IOException;

    /** The connection table (/proc/net/ip_vs_conn) of {@code netns}, or of this process's namespace when null. */
    List<IpvsConnection> readConnections(Path netns) throws IOException;
}
