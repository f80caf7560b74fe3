package io.xueliang.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiContractTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void contractLoadsAndNamesEveryOperation() throws Exception {
        OpenAPIContract contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(contract.operations()).extracting(Operation::getOperationId).contains(
                "healthz", "readyz", "metrics", "login", "logout", "createToken", "listCameras", "createCamera",
                "importCameras", "getCamera", "replaceCamera", "deleteCamera", "getCameraStatus", "listRegions",
                "listUsers", "createUser", "getUser", "replaceUser", "deleteUser", "listAudit");
    }
}
