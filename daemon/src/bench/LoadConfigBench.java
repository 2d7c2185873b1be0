import io.ipvsd.daemon.config.ConfigLoader;
import io.ipvsd.daemon.config.LoadResult;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Times ConfigLoader.load (parse + validate, the path of `ipvsctl validate` and the daemon) on one
 * file, ROUNDS times in one JVM, and prints the peak heap the JVM's pools saw.
 *
 * <pre>java -Xmx85m -cp 'cli/target/cli.jar:cli/target/lib/*' daemon/src/bench/LoadConfigBench.java FILE [ROUNDS]</pre>
 */
public final class LoadConfigBench {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            LoadResult result = ConfigLoader.load(file);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long cpuMillis = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
            String outcome = result instanceof LoadResult.Loaded loaded
                    ? loaded.config().services().size() + " services"
                    : ((LoadResult.Failed) result).errors().get(0).toString();
            System.out.printf("round %d: %d ms (CPU of this thread: %d ms), %s%n", round, millis, cpuMillis, outcome);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("peak heap (sum of the pools' peaks): %d MB%n", peak >> 20);
    }
}
