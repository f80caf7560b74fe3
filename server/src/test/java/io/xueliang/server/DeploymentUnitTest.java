package io.xueliang.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/xueliang.service: valid for systemd, and in step with the server's exit codes and store. */
class DeploymentUnitTest {
    private static final Path UNIT = Path.of("..", "deploy", "xueliang.service");

    private static Map<String, String> settings() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(UNIT)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                settings.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return settings;
    }

    @Test
    void restartsAfterACrashOrARefusedStartButNotAfterAConfigurationError() throws Exception {
        Map<String, String> unit = settings();
        assertThat(unit).containsEntry("Restart", "on-failure")
                .containsEntry("RestartPreventExitStatus", Integer.toString(RunCommand.CONFIGURATION_ERROR));
        assertThat(StartRefusedException.EXIT_CODE).isNotEqualTo(RunCommand.CONFIGURATION_ERROR);
    }

    @Test
    void writesOnlyItsStoreAndHasTheDescriptorsForManyConnections() throws Exception {
        Map<String, String> unit = settings();
        assertThat(unit).containsEntry("ProtectSystem", "strict").containsEntry("ReadWritePaths", "/var/lib/xueliang")
                .containsEntry("WorkingDirectory", "/var/lib/xueliang").containsEntry("NoNewPrivileges", "yes")
                .doesNotContainKey("MemoryDenyWriteExecute");
        assertThat(Long.parseLong(unit.get("LimitNOFILE"))).isGreaterThanOrEqualTo(65_536);
        assertThat(unit.get("ExecStart")).contains(" run --config /etc/xueliang/xueliang.yaml");
    }

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed: the unit's syntax is not checked");
        Process p = new ProcessBuilder(analyze.toString(), "verify", UNIT.toAbsolutePath().normalize().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("systemd-analyze verify").isBlank();
        assertThat(p.exitValue()).isZero();
    }
}
