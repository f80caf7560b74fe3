package io.xueliang.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.xueliang.api.ops.OpsEndpoints;
import io.xueliang.api.ops.ReadinessEndpoint;
import io.xueliang.config.HttpConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every operation of {@code api/openapi.yaml} is either mounted by the handlers that need nothing but the api module,
 * or listed in {@link #WIRED_BY_SERVER}: handlers over the store, which the composition root mounts (the server
 * module's {@code XueliangServerTest} checks that it leaves no operation unimplemented). The list must stay exact.
 */
class ContractCoverageTest {
    /** Operations of the contract whose handlers need the store, mounted by the server module. */
    static final Set<String> WIRED_BY_SERVER = Set.of(
            "login", "getSession", "logout", "createToken", "listTokens", "revokeToken",
            "listCameras", "createCamera", "importCameras", "getCamera", "replaceCamera", "deleteCamera",
            "getCameraStatus", "listRegions",
            "listUsers", "createUser", "getUser", "replaceUser", "deleteUser", "changePassword", "createTicket",
            "listAudit", "listRecordings", "createHold", "listHolds", "releaseHold",
            "createExport", "getExport", "downloadExport", "getExportKey", "playback", "liveVideo", "cameraSnapshot", "liveHls", "liveHlsMedia",
            "listLayouts", "saveLayout", "deleteLayout", "steerCamera", "listGbDevices", "listGbSuperiors", "listDeviceRecordings", "setGbDevicePassword",
            "deleteGbDevicePassword", "playDeviceRecording",
            "getGbDeviceStatus",
            "listRingCheckpoints", "putRingCheckpoint", "deleteRingCheckpoint", "ringEntered", "ringLeft", "ringInside",
            "ringCounts",
            "createWatchlist", "listWatchlists", "getWatchlist", "replaceWatchlist", "deleteWatchlist",
            "listAlerts", "acknowledgeAlert", "streamAlerts",
            "searchReads", "getRead", "getReadPlateImage", "getReadOverviewImage", "getTrajectory",
            "startAnalysis", "getAnalysis", "cancelAnalysis", "getAnalysisResults");

    /** The handlers the api module provides today, registered as the composition root would. */
    private static ApiOperations thisBuild(BlockingWork work) {
        ApiOperations ops = new ApiOperations();
        new OpsEndpoints(new PrometheusRegistry(), List::of, null).register(ops);
        ops.handle("readyz", new ReadinessEndpoint(List.of(), work));
        return ops;
    }

    @Test
    void everyContractOperationIsMountedHereOrListedAsWiredByTheServer() throws Exception {
        try (BlockingWork work = new BlockingWork("coverage", 1, 1);
             ApiServer server = ApiServer.start(new HttpConfig(0, null), "127.0.0.1", thisBuild(work), Duration.ofSeconds(30))) {
            assertThat(server.unimplementedOperations()).containsExactlyInAnyOrderElementsOf(WIRED_BY_SERVER);
            assertThat(server.contractOperations()).containsKeys(WIRED_BY_SERVER.toArray(String[]::new));
        }
    }

    @Test
    void handlerForAnOperationTheContractLacksIsRefusedAtStart() {
        ApiOperations ops = new ApiOperations().handle("listCamera", ctx -> ctx.end());

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        ApiServer.start(new HttpConfig(0, null), "127.0.0.1", ops, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listCamera");
    }
}
