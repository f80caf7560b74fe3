package io.xueliang.api.cameras;

import io.xueliang.api.auth.RegionScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.registry.CameraRegistry;
import io.xueliang.storage.registry.RegisteredCamera;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /regions}: the region tree built from the cameras the caller may see. */
public final class RegionEndpoints {
    private final CameraRegistry registry;
    private final AuditTrail audit;
    private final BlockingWork work;

    public RegionEndpoints(CameraRegistry registry, AuditTrail audit, BlockingWork work) {
        this.registry = registry;
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("listRegions", this::list);
    }

    /** One node of the tree while it is built; children sorted by name. */
    private static final class Node {
        final String name;
        final List<String> cameras = new ArrayList<>();
        final TreeMap<String, Node> children = new TreeMap<>();

        Node(String name) {
            this.name = name;
        }

        JsonObject json() {
            JsonArray kids = new JsonArray();
            children.values().forEach(c -> kids.add(c.json()));
            return new JsonObject().put("name", name).put("cameras", new JsonArray(cameras)).put("children", kids);
        }
    }

    private void list(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        work.respond(ctx, () -> {
            Node root = new Node("");
            int count = 0;
            for (RegisteredCamera r : registry.all()) {
                if (!RegionScope.covers(who, r.camera().region())) {
                    continue;
                }
                Node at = root;
                for (String part : r.camera().region()) {
                    at = at.children.computeIfAbsent(part, Node::new);
                }
                at.cameras.add(r.camera().id().value());
                count++;
            }
            return Map.entry(root, count);
        }, (c, tree) -> {
            JsonArray items = new JsonArray();
            tree.getKey().children.values().forEach(n -> items.add(n.json()));
            if (!tree.getKey().cameras.isEmpty()) {
                // Cameras registered without a region sit in an unnamed top-level region.
                items.add(new JsonObject().put("name", "").put("cameras", new JsonArray(tree.getKey().cameras))
                        .put("children", new JsonArray()));
            }
            audit.record(c, who, "GET /api/v1/regions", Map.of(), tree.getValue(), 200)
                    .onSuccess(v -> c.json(new JsonObject().put("items", items))).onFailure(c::fail);
        });
    }
}
