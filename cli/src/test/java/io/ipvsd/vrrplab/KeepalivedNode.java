package io.ipvsd.vrrplab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * keepalived 2.2.7 in one lab namespace, VRRP only, run in the foreground as in vrrp-facts.md §2.1:
 * {@code ip netns exec NS keepalived -n -l -D -G -P -f CONF -p PID -r VRRP-PID}, console log to a file.
 * The config is written in the field's style (multi-line authentication block: the one-line form
 * silently means no authentication in 2.2.7).
 */
final class KeepalivedNode extends Node {
    private static final long START_DEADLINE_MS = 10_000;

    private final Path conf;
    private final Path pidFile;
    private final Path vrrpPidFile;
    private Process parent;

    private KeepalivedNode(Lab lab, int index, String name, List<VrrpInstance> instances) {
        this(lab, index, name, config(name, Lab.address(index), instances));
    }

    /** keepalived with {@code body} after the lab's global_defs, as written (for what VrrpInstance does not model). */
    static KeepalivedNode startWithConfig(Lab lab, int index, String name, String body) {
        KeepalivedNode node = new KeepalivedNode(lab, index, name, config(name, Lab.address(index), List.of()) + body);
        node.start();
        return node;
    }

    private KeepalivedNode(Lab lab, int index, String name, String configText) {
        super(lab, index, name);
        Path dir = lab.runDir(name);
        this.conf = lab.logDir().resolve(name + ".conf");
        this.pidFile = dir.resolve("keepalived.pid");
        this.vrrpPidFile = dir.resolve("vrrp.pid");
        try {
            Files.writeString(conf, configText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the config for node {@code index} of the lab and starts keepalived there. */
    static KeepalivedNode start(Lab lab, int index, String name, VrrpInstance... instances) {
        KeepalivedNode node = new KeepalivedNode(lab, index, name, List.of(instances));
        node.start();
        return node;
    }

    static String config(String routerId, String ownAddress, List<VrrpInstance> instances) {
        StringBuilder c = new StringBuilder();
        c.append("global_defs {\n    router_id ").append(routerId).append("\n    script_user root\n    enable_script_security\n}\n");
        for (VrrpInstance i : instances) {
            c.append("vrrp_instance ").append(i.name()).append(" {\n");
            c.append("    state BACKUP\n");
            if (i.nopreempt()) {
                c.append("    nopreempt\n");
            }
            c.append("    interface ").append(Lab.LAN_INTERFACE).append('\n');
            c.append("    virtual_router_id ").append(i.vrid()).append('\n');
            c.append("    priority ").append(i.priority()).append('\n');
            c.append("    advert_int ").append(i.advertSeconds()).append('\n');
            if (i.authPass() != null) {
                c.append("    authentication {\n        auth_type PASS\n        auth_pass ").append(i.authPass()).append("\n    }\n");
            }
            if (!i.unicastPeers().isEmpty()) {
                c.append("    unicast_src_ip ").append(i.unicastSrc() == null ? ownAddress : i.unicastSrc()).append('\n');
                c.append("    unicast_peer {\n");
                i.unicastPeers().forEach(p -> c.append("        ").append(p).append('\n'));
                c.append("    }\n");
            }
            c.append("    virtual_ipaddress {\n");
            i.vips().forEach(v -> c.append("        ").append(v.keepalivedSyntax()).append('\n'));
            c.append("    }\n");
            if (!i.trackInterfaces().isEmpty()) {
                c.append("    track_interface {\n");
                i.trackInterfaces().forEach(t -> c.append("        ").append(t).append('\n'));
                c.append("    }\n");
            }
            c.append("}\n");
        }
        return c.toString();
    }

    /** Starts keepalived and waits until its VRRP child has written its pid file. */
    void start() {
        if (parent != null && parent.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(vrrpPidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parent = lab.start(List.of("ip", "netns", "exec", netns(), "keepalived", "-n", "-l", "-D", "-G", "-P", "-f",
                conf.toString(), "-p", pidFile.toString(), "-r", vrrpPidFile.toString()), log);
        long deadline = System.currentTimeMillis() + START_DEADLINE_MS;
        while (vrrpChild() == null) {
            if (!parent.isAlive()) {
                throw new AssertionError(name + ": keepalived exited with " + parent.exitValue() + " at start:\n"
                        + Shell.tail(log, 30));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(name + ": keepalived's VRRP child not up after " + START_DEADLINE_MS + " ms:\n"
                        + Shell.tail(log, 30));
            }
            pause(10);
        }
    }

    /**
     * kill -9 of the VRRP child and then the parent (the parent first would SIGTERM the child through
     * PR_SET_PDEATHSIG, a graceful stop). The VIP stays on the interface. Returns System.nanoTime() of the kill.
     */
    long kill9() {
        ProcessHandle child = vrrpChild();
        if (child == null) {
            throw new IllegalStateException(name + " has no running VRRP child");
        }
        long at = System.nanoTime();
        child.destroyForcibly();
        parent.destroyForcibly();
        awaitExit(child);
        awaitExit(parent.toHandle());
        return at;
    }

    /** SIGTERM to the parent: priority 0 is sent and the VIPs removed. Returns System.nanoTime() of the signal. */
    long terminate() {
        ProcessHandle child = vrrpChild();
        long at = System.nanoTime();
        parent.destroy();
        awaitExit(parent.toHandle());
        if (child != null) {
            awaitExit(child);
        }
        return at;
    }


    private ProcessHandle vrrpChild() {
        try {
            if (!Files.exists(vrrpPidFile)) {
                return null;
            }
            String text = Files.readString(vrrpPidFile).strip();
            if (text.isEmpty()) {
                return null;
            }
            return ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitExit(ProcessHandle p) {
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + ": process " + p.pid() + " did not exit within 5 s", e);
        }
    }

}
