package io.xueliang.server;

import io.xueliang.config.ConfigException;
import io.xueliang.config.XueliangConfig;
import io.xueliang.config.yaml.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xueliang run [--config FILE]}: the server, until interrupted. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the server.")
final class RunCommand implements Callable<Integer> {
    /** The exit code of a configuration error: restarting cannot help (deploy/xueliang.service does not). */
    static final int CONFIGURATION_ERROR = 2;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (config/reference.yaml documents every key); default: xueliang.yaml if present, else built-in defaults")
    Path config;

    @Option(names = "--http-host", defaultValue = "0.0.0.0", description = "Address the HTTP listener binds (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Override
    public Integer call() throws Exception {
        XueliangConfig cfg;
        try {
            cfg = loadConfig(config);
        } catch (ConfigException e) {
            System.err.println("xueliang: configuration error: " + e.getMessage());
            return CONFIGURATION_ERROR;
        }
        XueliangServer server = XueliangServer.start(cfg, httpHost);
        printFirstAdmin(server);
        awaitShutdown(server);
        return 0;
    }

    static XueliangConfig loadConfig(Path file) throws java.io.IOException {
        if (file == null) {
            Path local = Path.of("xueliang.yaml");
            return Files.exists(local) ? ConfigLoader.load(local, System.getenv()) : XueliangConfig.defaults();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "no such configuration file");
        }
        return ConfigLoader.load(file, System.getenv());
    }

    /** On the very first start, the admin login, printed once to the terminal and never to the log. */
    static void printFirstAdmin(XueliangServer server) {
        server.firstAdmin().filter(a -> a.generated()).ifPresent(a -> System.out.printf(
                "%nfirst start: created user '%s' with password  %s%nwrite it down: it is shown only this once "
                        + "(set XUELIANG_ADMIN_PASSWORD before the first start to choose it)%n%n", a.username(), a.password()));
    }

    /** Blocks until the JVM is asked to stop, then closes the server (TEARDOWN to every camera). */
    static void awaitShutdown(AutoCloseable... closeables) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("xueliang: error while stopping: " + e);
                }
            }
            stopped.countDown();
        }, "xueliang-shutdown"));
        stopped.await();
    }
}
