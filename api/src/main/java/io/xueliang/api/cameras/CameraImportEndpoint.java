package io.xueliang.api.cameras;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.problem.FieldError;
import io.xueliang.config.CameraDefaults;
import io.xueliang.media.CameraId;
import io.xueliang.media.IngestControl;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry.ImportOutcome;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.FileOwnedCamerasException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /cameras:import} for admins: a CSV of cameras registered all together or not at all. A bad row, or a
 * row naming a camera of the configuration file, rejects the file with 400 listing every such row; otherwise the
 * cameras are written in one transaction and handed to ingest, which starts or changes each at once.
 */
public final class CameraImportEndpoint {
    private static final String ACTION = "POST /api/v1/cameras:import";

    private final CameraRegistry registry;
    private final IngestControl ingest;
    private final CameraCsvReader reader;
    private final AuditTrail audit;
    private final BlockingWork work;

    public CameraImportEndpoint(CameraRegistry registry, IngestControl ingest, CameraDefaults defaults, AuditTrail audit,
            BlockingWork work) {
        this.registry = registry;
        this.ingest = ingest;
        this.reader = new CameraCsvReader(defaults);
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("importCameras", this::importCameras);
    }

    private void importCameras(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        if (!Permission.ADMINISTER.grantedTo(who)) {
            audit.refuse(ctx, who, ACTION, Map.of(), "importing cameras needs the admin role");
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        work.respond(ctx, () -> {
            List<CameraCsvReader.Row> rows = reader.read(utf8(body));
            requireInScope(who, rows);
            try {
                return registry.importAll(rows.stream().map(CameraCsvReader.Row::camera).toList())
                        .get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FileOwnedCamerasException owned) {
                    throw ApiProblem.badRequest(rows.stream().filter(r -> owned.cameras().contains(r.camera().id()))
                            .map(r -> new FieldError("line " + r.line() + ": id", "camera " + r.camera().id()
                                    + " comes from the configuration file; change it there"))
                            .limit(CameraCsvReader.MAX_REPORTED).toList());
                }
                throw e;
            }
        }, (c, outcome) -> answer(c, who, outcome));
    }

    private void answer(RoutingContext c, Principal who, ImportOutcome outcome) {
        outcome.registered().forEach(r -> ingest.put(r.camera()));
        audit.record(c, who, ACTION, Map.of("created", Integer.toString(outcome.created()),
                        "replaced", Integer.toString(outcome.replaced()), "ids", ids(outcome)),
                        outcome.registered().size(), 200)
                .onSuccess(v -> c.json(new JsonObject().put("created", outcome.created())
                        .put("replaced", outcome.replaced())))
                .onFailure(c::fail);
    }

    /**
     * 400 naming the lines whose camera would lie, or lies now, outside the admin's regions: an admin limited to
     * regions imports only there, and the file is imported whole or not at all.
     */
    private void requireInScope(Principal who, List<CameraCsvReader.Row> rows) {
        if (who.unrestricted()) {
            return;
        }
        List<FieldError> outside = new ArrayList<>();
        for (CameraCsvReader.Row r : rows) {
            if (!RegionScope.covers(who, r.camera().region())) {
                outside.add(new FieldError("line " + r.line() + ": region", "lies outside your regions " + who.regions()));
            } else if (registry.get(r.camera().id()).filter(old -> !RegionScope.covers(who, old.camera().region()))
                    .isPresent()) {
                outside.add(new FieldError("line " + r.line() + ": id", "camera " + r.camera().id()
                        + " exists outside your regions"));
            }
            if (outside.size() == CameraCsvReader.MAX_REPORTED) {
                break;
            }
        }
        if (!outside.isEmpty()) {
            throw ApiProblem.badRequest(outside);
        }
    }

    /** The first ids imported, for the audit record (whose fields are bounded). */
    private static String ids(ImportOutcome outcome) {
        List<CameraId> ids = outcome.registered().stream().map(r -> r.camera().id()).toList();
        String shown = String.join(",", ids.stream().limit(10).map(CameraId::value).toList());
        return ids.size() <= 10 ? shown : shown + ",… (" + ids.size() + ")";
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.badRequest("body", "not UTF-8 text (save the CSV as UTF-8)");
        }
    }
}
