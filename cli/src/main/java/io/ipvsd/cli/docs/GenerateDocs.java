package io.ipvsd.cli.docs;

import io.ipvsd.cli.Ipvsctl;
import io.ipvsd.daemon.Ipvsd;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Run by `mvn package` of module cli (exec-maven-plugin): writes the man pages and the bash
 * completion into target/generated-docs (contract B: the Debian package installs them).
 * <pre>GenerateDocs OUTDIR README VERSION DATE</pre>
 * DATE is project.build.outputTimestamp (ISO-8601 or epoch seconds): the pages carry it instead of
 * today's date, so a build of the same commit gives the same bytes.
 */
public final class GenerateDocs {
    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: GenerateDocs OUTDIR README VERSION DATE");
        }
        Path out = Path.of(args[0]);
        String readme = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        String source = "ipvsd " + args[2];
        String date = pageDate(args[3]);
        Path man = Files.createDirectories(out.resolve("man"));
        CommandLine ipvsctl = new CommandLine(new Ipvsctl());
        write(man.resolve("ipvsctl.8.gz"), CommandManPage.render(ipvsctl, "8", date, source,
                List.of("ipvsd(8)", "ipvsd.toml(5)", "ipvsadm(8)")));
        CommandLine ipvsd = Ipvsd.commandLine(new PrintStream(OutputStream.nullOutputStream()));
        write(man.resolve("ipvsd.8.gz"), CommandManPage.render(ipvsd, "8", date, source,
                List.of("ipvsctl(8)", "ipvsd.toml(5)", "ipvsadm(8)", "keepalived(8)")));
        write(man.resolve("ipvsd.toml.5.gz"), MarkdownManPage.render(readme, "Configuration reference", "ipvsd.toml", "5",
                "configuration file of ipvsd, the declarative IPVS director", date, source,
                List.of("ipvsd(8)", "ipvsctl(8)", "ipvsadm(8)")));
        Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve("ipvsctl"), sourcedScript(AutoComplete.bash("ipvsctl", ipvsctl)),
                StandardCharsets.UTF_8);
    }

    /**
     * bash-completion sources the file, never runs it: picocli's `#!/usr/bin/env bash` line would
     * only mislead (lintian: bash-completion-with-hashbang).
     */
    static String sourcedScript(String script) {
        return script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
    }

    private static void write(Path file, String roff) throws IOException {
        Files.write(file, ReproducibleGzip.compress(roff.getBytes(StandardCharsets.US_ASCII)));
    }

    /** YYYY-MM-DD of Maven's outputTimestamp (ISO-8601 date-time or seconds since the epoch). */
    static String pageDate(String outputTimestamp) {
        LocalDate date = outputTimestamp.chars().allMatch(Character::isDigit)
                ? Instant.ofEpochSecond(Long.parseLong(outputTimestamp)).atZone(ZoneOffset.UTC).toLocalDate()
                : OffsetDateTime.parse(outputTimestamp).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        return date.toString();
    }
}
