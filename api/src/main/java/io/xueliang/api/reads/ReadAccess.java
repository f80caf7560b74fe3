package io.xueliang.api.reads;

import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.auth.RegionScope;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.config.ReadsConfig;
import io.xueliang.media.CameraId;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.StoredRead;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.auth.Role;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may see of the reads, and what they must say first: the cameras of their regions (intersected with
 * the camera or region they ask for), and a case reference and purpose for the requests DESIGN.md §10 names, unless
 * one of their roles is in {@code reads.caseReferenceOptionalFor}. The one rule for every route over the read store
 * (reads, trajectories, the boundary ring, analyses).
 */
public final class ReadAccess {
    private final CameraRegistry cameras;
    private final Set<Role> caseOptional;

    public ReadAccess(CameraRegistry cameras, ReadsConfig config) {
        this.cameras = cameras;
        this.caseOptional = config.caseReferenceOptionalFor().stream().map(Role::fromWireName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The cameras whose reads {@code who} may see among those asked for: every camera for an unrestricted caller who
     * narrows nothing, else those registered in the caller's regions, at {@code camera} (null: any) and within
     * {@code region} (empty: any). Reads of cameras no longer registered are seen only by unrestricted callers who
     * narrow nothing: nobody can tell which region they were in. Blocks (reads the registry).
     */
    public CameraSet visible(Principal who, String camera, List<String> region) {
        if (who.unrestricted() && camera == null && region.isEmpty()) {
            return CameraSet.all();
        }
        Set<CameraId> ids = cameras.all().stream().map(RegisteredCamera::camera)
                .filter(c -> RegionScope.covers(who, c.region()))
                .filter(c -> camera == null || c.id().value().equals(camera))
                .filter(c -> c.region().size() >= region.size() && c.region().subList(0, region.size()).equals(region))
                .map(c -> c.id()).collect(Collectors.toSet());
        return CameraSet.only(ids);
    }

    /** Whether {@code who} may see {@code read}: its camera lies in their regions. Blocks. */
    boolean maySee(Principal who, StoredRead read) {
        return cameras.get(read.read().camera()).map(r -> RegionScope.covers(who, r.camera().region()))
                .orElse(who.unrestricted());
    }

    /**
     * Checks that a request that needs a case reference and purpose has them (query parameters or the
     * {@code X-Case-Reference} and {@code X-Purpose} headers), and puts them in the audit record's parameters.
     *
     * @param needed whether this request is of a kind that needs them
     * @throws ApiProblem 400 naming {@code caseReference} or {@code purpose}
     */
    public void requirePurpose(RoutingContext ctx, Principal who, boolean needed, Map<String, String> params) {
        String caseReference = value(ctx, "caseReference", "X-Case-Reference");
        String purpose = value(ctx, "purpose", "X-Purpose");
        if (caseReference != null) {
            params.put("caseReference", caseReference);
        }
        if (purpose != null) {
            params.put("purpose", purpose);
        }
        if (!needed || caseOptional.stream().anyMatch(who::has)) {
            return;
        }
        if (caseReference == null) {
            throw ApiProblem.badRequest("caseReference", "is required: give the case this serves");
        }
        if (purpose == null) {
            throw ApiProblem.badRequest("purpose", "is required: say why");
        }
    }

    private static String value(RoutingContext ctx, String parameter, String header) {
        String v = ctx.request().getParam(parameter);
        if (v == null || v.isBlank()) {
            v = ctx.request().getHeader(header);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }
}
