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
        System.exit(execute(args));
    }

    /**
     * Runs one command and returns its exit code. A refused start (a port or store in use) is one line
     * on standard error and exit code {@value StartRefusedException#EXIT_CODE}, not a stack trace.
     */
    static int execute(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof StartRefusedException refused) {
                command.getErr().println("xueliang: " + refused.getMessage());
                return StartRefusedException.EXIT_CODE;
            }
            throw e;
        }).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
