package io.ipvsd.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipvsd.cli.FakeIpvsAccess;
import io.ipvsd.cli.IpvsAccess;
import io.ipvsd.cli.IpvsTable;
import io.ipvsd.genl.FamilyNotFoundException;
import io.ipvsd.ipvs.conn.ConnectionTableFormatException;
import io.ipvsd.ipvs.conn.IpvsConnection;
import io.ipvsd.netlink.Errno;
import io.ipvsd.netlink.NetlinkException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures at run time: exit 1 and exactly the one line "ipvsctl: ..." on stderr, no stack trace. */
class ListFailuresTest {
    @Test
    void missingServiceIsNamed() {
        Run r = Run.of(CapturedTables.shapes(), "list", "-n", "-t", "10.0.0.9:80");
        assertFailure(r, "ipvsctl: no such service: TCP 10.0.0.9:80\n");
    }

    @Test
    void missingFwmarkServiceOfTheOtherFamily() {
        Run r = Run.of(CapturedTables.shapes(), "list", "-f", "1", "-6");
        assertFailure(r, "ipvsctl: no such service: FWM 1 IPv6\n");
    }

    @Test
    void kernelWithoutIpvs() {
        Run r = Run.of(new FakeIpvsAccess().failWith(new FamilyNotFoundException("IPVS", "load ip_vs")), "list");
        assertFailure(r, "ipvsctl: IPVS is not available: the kernel has no IPVS netlink family (is the ip_vs module loaded?)\n");
    }

    @Test
    void notRoot() {
        Run r = Run.of(new FakeIpvsAccess().failWith(new NetlinkException("list services", Errno.EPERM, null, 3)), "list");
        assertFailure(r, "ipvsctl: permission denied (list services): ipvsctl needs root (CAP_NET_ADMIN, and CAP_SYS_ADMIN for --netns)\n");
    }

    @Test
    void otherKernelRefusal() {
        Run r = Run.of(new FakeIpvsAccess().failWith(new NetlinkException("get info", Errno.EINVAL, "bad attr", 1)), "list");
        assertFailure(r, "ipvsctl: get info: EINVAL (Invalid argument): bad attr\n");
    }

    @Test
    void connectionTableWithoutIpvs() {
        Run r = Run.of(new FakeIpvsAccess().failWith(new NoSuchFileException("/proc/net/ip_vs_conn")), "list", "-c");
        assertFailure(r, "ipvsctl: IPVS is not available: no /proc/net/ip_vs_conn (is the ip_vs module loaded?)\n");
    }

    @Test
    void malformedConnectionTable() {
        Run r = Run.of(new FakeIpvsAccess().failWith(new ConnectionTableFormatException(7, "TCP x", "too few fields")),
                "list", "-c");
        assertFailure(r, "ipvsctl: ip_vs_conn line 7: too few fields: \"TCP x\"\n");
    }

    @Test
    void bugIsAnInternalErrorOnOneLine() {
        IpvsAccess broken = new IpvsAccess() {
            @Override
            public IpvsTable openTable(Path netns) {
                throw new IllegalStateException("boom\nsecond line");
            }

            @Override
            public List<IpvsConnection> readConnections(Path netns) {
                throw new IllegalStateException("boom");
            }
        };
        assertFailure(Run.of(broken, "list"), "ipvsctl: internal error: java.lang.IllegalStateException: boom; second line\n");
    }

    @Test
    void missingClassIsAnInternalErrorOnOneLine() {
        IpvsAccess broken = new IpvsAccess() {
            @Override
            public IpvsTable openTable(Path netns) {
                throw new NoClassDefFoundError("org/objectweb/asm/ClassVisitor");
            }

            @Override
            public List<IpvsConnection> readConnections(Path netns) {
                throw new NoClassDefFoundError("org/objectweb/asm/ClassVisitor");
            }
        };
        assertFailure(Run.of(broken, "list"),
                "ipvsctl: internal error: java.lang.NoClassDefFoundError: org/objectweb/asm/ClassVisitor\n");
    }

    @Test
    void unknownNetworkNamespace() {
        FakeIpvsAccess access = CapturedTables.shapes();
        Run r = Run.of(access, "list", "--netns", "no-such-ns-for-ipvsctl-tests");
        assertFailure(r, "ipvsctl: /run/netns/no-such-ns-for-ipvsctl-tests: no such network namespace\n");
        assertEquals(List.of(), access.netnsAsked);
    }

    private static void assertFailure(Run r, String err) {
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals(err, r.err());
    }

    @Test
    void ioFailureMessageIsKept() {
        Run r = Run.of(new FakeIpvsAccess().failWith(new IOException("cannot enter network namespace /x: EPERM")), "list", "-c");
        assertFailure(r, "ipvsctl: cannot enter network namespace /x: EPERM\n");
    }
}
