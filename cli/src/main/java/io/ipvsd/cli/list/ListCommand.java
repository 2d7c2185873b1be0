package io.ipvsd.cli.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ipvsd.cli.IpvsTable;
import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.cli.NoSuchServiceException;
import io.ipvsd.ipvs.Destination;
import io.ipvsd.ipvs.Endpoints;
import io.ipvsd.ipvs.IpvsInfo;
import io.ipvsd.ipvs.Service;
import io.ipvsd.ipvs.ServiceKey;
import io.ipvsd.ipvs.conn.IpvsConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ipvsctl list}: the IPVS table, reading exactly like {@code ipvsadm -Ln} with the same
 * options ({@code ipvsctl list ARGS} prints what {@code ipvsadm -L ARGS} does), or as JSON.
 */
@Command(name = "list", sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "List the IPVS virtual services and their real servers, exactly as 'ipvsadm -Ln' does, "
                + "or the connection table as 'ipvsadm -Lnc' does.",
            "Addresses and ports are always numeric: ipvsctl never resolves names (-n is accepted "
                + "for ipvsadm compatibility), and takes only numeric ADDR and PORT arguments."})
public final class ListCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    private Ipvsctl ipvsctl;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServiceSelection selection;

    @Option(names = {"-6", "--ipv6"}, description = "With -f: the IPv6 firewall-mark service.")
    private boolean ipv6;

    @Option(names = {"-c", "--connection"}, description = "List the connection table (/proc/net/ip_vs_conn).")
    private boolean connections;

    @Option(names = "--timeout", description = "Show the connection timeouts (tcp tcpfin udp), as 'ipvsadm -L --timeout'.")
    private boolean timeout;

    @Option(names = "--daemon", description = "Show the connection sync daemons (state, multicast interface, syncid), "
            + "as 'ipvsadm -L --daemon'.")
    private boolean daemon;

    @Option(names = "--service", paramLabel = "ADDR[:PORT]",
            description = "With -c: only connections to this virtual address (and port).")
    private String connectionService;

    @Option(names = "--client", paramLabel = "ADDR", description = "With -c: only connections from this client address.")
    private String connectionClient;

    @Option(names = {"-n", "--numeric"}, description = "Accepted for ipvsadm compatibility: output is always numeric.")
    private boolean numeric;

    @Option(names = "--stats", description = "Show traffic counters.")
    private boolean stats;

    @Option(names = "--rate", description = "Show rates (per second).")
    private boolean rate;

    @Option(names = "--thresholds", description = "Show connection thresholds.")
    private boolean thresholds;

    @Option(names = "--persistent-conn", description = "Show persistent connections (with -c: persistence engine data).")
    private boolean persistentConn;

    @Option(names = "--tun-info", description = "Show tunnel encapsulation.")
    private boolean tunInfo;

    @Option(names = {"-X", "--exact"}, description = "Exact numbers in --stats and --rate instead of K/M/G/T.")
    private boolean exact;

    @Option(names = "--sort", description = "Sort services and servers (the default; for ipvsadm compatibility).")
    private boolean sort;

    @Option(names = "--nosort", description = "Keep the kernel's order.")
    private boolean noSort;

    @Option(names = "--json", description = "Print JSON (every column at once; the view options are ignored).")
    private boolean json;

    @Option(names = "--netns", paramLabel = "NAME", description = "Work in network namespace NAME (/run/netns/NAME) or at a path.")
    private String netns;

    @Override
    public Integer call() throws IOException {
        checkCombinations();
        String text = timeout || daemon ? listSettings() : connections ? listConnections() : listServices();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** ipvsadm's rules for the list command, plus ipvsctl's own options. */
    private void checkCombinations() {
        if (timeout && daemon) {
            throw usage("--timeout and --daemon are two listings: give one");
        }
        if ((timeout || daemon) && (connections || selection.count() > 0 || stats || rate || thresholds
                || persistentConn || tunInfo || json)) {
            throw usage((timeout ? "--timeout" : "--daemon") + " lists global settings: it takes no service, -c or view option");
        }
        if (selection.count() > 1) {
            throw usage("give one service: -t, -u, --sctp-service or -f");
        }
        if (connections && (stats || rate || thresholds)) {
            throw usage("-c lists connections: it cannot be combined with --stats, --rate or --thresholds");
        }
        if (connections && selection.count() > 0) {
            throw usage("-c lists connections: select them with --service and --client, not -t/-u/--sctp-service/-f");
        }
        if (!connections && (connectionService != null || connectionClient != null)) {
            throw usage("--service and --client select connections: they need -c");
        }
        if (ipv6 && !selection.isFwmark()) {
            throw usage("-6 applies to a firewall-mark service: it needs -f");
        }
    }

    private String listSettings() throws IOException {
        try (IpvsTable table = ipvsctl.access().openTable(ipvsctl.netnsPath(netns))) {
            return timeout ? IpvsSettingsText.timeouts(table.timeouts()) : IpvsSettingsText.syncDaemons(table.syncDaemons());
        }
    }

    private String listServices() throws IOException {
        ServiceKey only = selection.count() == 0 ? null : parse(() -> selection.key(ipv6));
        try (IpvsTable table = ipvsctl.access().openTable(ipvsctl.netnsPath(netns))) {
            IpvsInfo info = table.info();
            List<ServiceEntry> entries = new ArrayList<>();
            for (Service s : services(table, only)) {
                entries.add(new ServiceEntry(s, destinations(table.destinations(s.key()))));
            }
            if (json) {
                return toJson(ServiceTableJson.of(info, entries));
            }
            ListView view = ListView.of(stats, rate, thresholds, persistentConn, tunInfo);
            // Like ipvsadm, the version line comes only with the whole table.
            return ServiceTableText.render(only == null ? info : null, entries, view, exact);
        }
    }

    private List<Service> services(IpvsTable table, ServiceKey only) throws IOException {
        List<Service> all = table.services();
        if (only != null) {
            Service found = all.stream().filter(s -> s.key().equals(only)).findFirst()
                    .orElseThrow(() -> new NoSuchServiceException(only));
            return List.of(found);
        }
        return noSort ? all : IpvsadmOrder.sort(all, (a, b) -> IpvsadmOrder.compareServices(a.key(), b.key()));
    }

    private List<Destination> destinations(List<Destination> kernelOrder) {
        return noSort ? kernelOrder : IpvsadmOrder.sort(kernelOrder, IpvsadmOrder::compareDestinations);
    }

    private String listConnections() throws IOException {
        ConnectionFilter filter = new ConnectionFilter(
                connectionService == null ? null : parse(() -> ServiceAddress.parse(connectionService)),
                connectionClient == null ? null : parse(() -> Endpoints.parseAddress(connectionClient)));
        List<IpvsConnection> shown = filter.apply(ipvsctl.access().readConnections(ipvsctl.netnsPath(netns)));
        return json ? toJson(ConnectionTableJson.of(shown)) : ConnectionTableText.render(shown, persistentConn);
    }

    private static String toJson(Object document) throws JsonProcessingException {
        return JSON.writeValueAsString(document) + "\n";
    }

    /** Runs an argument parser, turning its complaint into a usage error. */
    private <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
