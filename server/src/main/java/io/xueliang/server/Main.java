package io.xueliang.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code xueliang} command line; each subcommand is a sibling class. */
@Command(name = "xueliang", mixinStandardHelpOptions = true,
        description = "Video surveillance ingest and analytics server.",
        subcommands = {RunCommand.class, DemoCommand.class, SimulateCommand.class, GenerateClipCommand.class, AuditCommand.class,
                ExportCommand.class, PlatesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
