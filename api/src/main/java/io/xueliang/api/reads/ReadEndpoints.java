package io.xueliang.api.reads;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xueliang.api.audit.AuditTrail;
import io.xueliang.api.auth.Permission;
import io.xueliang.api.auth.TokenAuthenticator;
import io.xueliang.api.http.ApiOperations;
import io.xueliang.api.http.BlockingWork;
import io.xueliang.api.problem.ApiProblem;
import io.xueliang.api.recordings.TimeRange;
import io.xueliang.config.ReadsConfig;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.search.FuzzyCandidates;
import io.xueliang.reads.search.FuzzyCursor;
import io.xueliang.reads.search.FuzzyPage;
import io.xueliang.reads.search.FuzzyPlateSearch;
import io.xueliang.reads.search.RankedRead;
import io.xueliang.reads.store.CameraSet;
import io.xueliang.reads.store.PlatePattern;
import io.xueliang.reads.store.ReadCursor;
import io.xueliang.reads.store.ReadPage;
import io.xueliang.reads.store.ReadQuery;
import io.xueliang.reads.store.ReadStore;
import io.xueliang.reads.store.StoredRead;
import io.xueliang.storage.auth.Principal;
import io.xueliang.storage.blob.BlobImageStore;
import io.xueliang.storage.blob.BlobKey;
import io.xueliang.storage.blob.BlobStore;
import io.xueliang.storage.registry.CameraRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code GET /reads} (search), {@code GET /reads/{id}} and its {@code plate.jpg} and {@code overview.jpg}: investigators
 * and admins, only reads of cameras within their regions, every request audited with its parameters and result count.
 * Searches that are not for one exact plate and image views need a case reference and purpose ({@link ReadAccess}).
 */
public final class ReadEndpoints {
    private static final Set<String> COLOURS = Set.of("blue", "yellow", "green", "white", "black", "unknown");
    private static final String SEARCH = "GET /api/v1/reads";

    private final ReadStore store;
    private final FuzzyPlateSearch fuzzy;
    private final BlobStore images;
    private final ReadAccess access;
    private final Duration maxSpan;
    private final AuditTrail audit;
    private final BlockingWork work;

    /** @param images the plate images' blob store ({@code <storage.root>/plates}), keyed as the reads name them */
    public ReadEndpoints(ReadStore store, CameraRegistry cameras, BlobStore images, ReadsConfig config, AuditTrail audit,
            BlockingWork work) {
        this.store = store;
        this.fuzzy = new FuzzyPlateSearch(store);
        this.images = images;
        this.access = new ReadAccess(cameras, config);
        this.maxSpan = Duration.ofDays(config.maxSearchDays());
        this.audit = audit;
        this.work = work;
    }

    public void register(ApiOperations operations) {
        operations.handle("searchReads", this::search).handle("getRead", this::get)
                .handle("getReadPlateImage", ctx -> image(ctx, "plate", PlateRead::cropImage))
                .handle("getReadOverviewImage", ctx -> image(ctx, "overview", PlateRead::overviewImage));
    }

    /** A search as asked, checked: every bad field is a 400 naming it. */
    private record Search(TimeRange range, String match, PlatePattern plate, String camera, List<String> region,
            String colour, PlateRead.Direction direction, int limit, String cursor) {
        boolean onePlate() {
            return plate != null && match.equals("exact") && plate.exact();
        }
    }

    private static Search parse(MultiMap q, Duration maxSpan) {
        TimeRange range = TimeRange.of(q.get("from"), q.get("to"), maxSpan);
        String match = Optional.ofNullable(q.get("match")).orElse("exact");
        if (!Set.of("exact", "partial", "fuzzy").contains(match)) {
            throw ApiProblem.badRequest("match", "must be exact, partial or fuzzy");
        }
        PlatePattern plate = null;
        String typed = q.get("plate");
        if (typed != null) {
            try {
                plate = PlatePattern.parse(typed, match.equals("partial"));
                if (match.equals("fuzzy")) {
                    FuzzyCandidates.of(plate.normalised());
                }
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("plate", e.getMessage());
            }
        } else if (!match.equals("exact")) {
            throw ApiProblem.badRequest("plate", "is required with match=" + match);
        }
        String colour = q.get("color");
        if (colour != null && !COLOURS.contains(colour)) {
            throw ApiProblem.badRequest("color", "must be one of blue, yellow, green, white, black, unknown");
        }
        PlateRead.Direction direction = null;
        if (q.get("direction") != null) {
            try {
                direction = PlateRead.Direction.valueOf(q.get("direction").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("direction", "must be approaching, receding, left, right or stationary");
            }
        }
        int limit;
        try {
            limit = q.get("limit") == null ? 100 : Integer.parseInt(q.get("limit"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > ReadQuery.MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "must be 1-" + ReadQuery.MAX_LIMIT);
        }
        String region = q.get("region");
        return new Search(range, match, plate, q.get("camera"), region == null ? List.of() : List.of(region.split("/")),
                colour, direction, limit, q.get("cursor"));
    }

    private void search(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        Search s = parse(ctx.queryParams(), maxSpan);
        ReadCursor after = null;
        FuzzyCursor fuzzyAfter = null;
        if (s.cursor() != null) {
            try {
                if (s.match().equals("fuzzy")) {
                    fuzzyAfter = FuzzyCursor.decode(s.cursor());
                } else {
                    after = ReadCursor.decode(s.cursor());
                }
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("cursor", "not the next of a page of this search");
            }
        }
        Map<String, String> params = new HashMap<>();
        params.put("from", s.range().from().toString());
        params.put("to", s.range().to().toString());
        params.put("match", s.match());
        params.put("limit", Integer.toString(s.limit()));
        if (s.plate() != null) {
            params.put("plate", s.plate().normalised());
        }
        putIfSet(params, "camera", s.camera());
        putIfSet(params, "region", ctx.queryParams().get("region"));
        putIfSet(params, "color", s.colour());
        putIfSet(params, "direction", s.direction() == null ? null : ReadJson.wire(s.direction()));
        putIfSet(params, "cursor", s.cursor());
        if (!Permission.SEARCH_READS.grantedTo(who)) {
            audit.refuse(ctx, who, SEARCH, params, "plate reads need the investigator or admin role");
            return;
        }
        access.requirePurpose(ctx, who, !s.onePlate(), params);
        ReadCursor readAfter = after;
        FuzzyCursor rankAfter = fuzzyAfter;
        work.respond(ctx, () -> {
            CameraSet cameras = access.visible(who, s.camera(), s.region());
            if (s.match().equals("fuzzy")) {
                FuzzyPage page = fuzzy.search(s.plate().normalised(), new ReadQuery(null, s.range().from(),
                        s.range().to(), cameras, s.colour(), s.direction(), s.limit(), null), rankAfter);
                JsonArray items = new JsonArray();
                for (RankedRead r : page.items()) {
                    items.add(ReadJson.read(r.read()).put("score", r.score()));
                }
                return new JsonObject().put("items", items)
                        .put("next", page.next() == null ? null : page.next().encode());
            }
            ReadPage page = store.search(new ReadQuery(s.plate(), s.range().from(), s.range().to(), cameras,
                    s.colour(), s.direction(), s.limit(), readAfter));
            JsonArray items = new JsonArray();
            page.items().forEach(r -> items.add(ReadJson.read(r)));
            return new JsonObject().put("items", items).put("next", page.next() == null ? null : page.next().encode());
        }, (c, answer) -> audit.record(c, who, SEARCH, params, answer.getJsonArray("items").size(), 200)
                .onSuccess(v -> c.json(answer)).onFailure(c::fail));
    }

    private static void putIfSet(Map<String, String> params, String key, String value) {
        if (value != null) {
            params.put(key, value);
        }
    }

    private static UUID readId(RoutingContext ctx) {
        try {
            return UUID.fromString(ctx.pathParam("readId"));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("readId", "not a read id (a UUID)");
        }
    }

    private void get(RoutingContext ctx) {
        Principal who = TokenAuthenticator.principal(ctx);
        UUID id = readId(ctx);
        String action = "GET /api/v1/reads/{readId}";
        Map<String, String> params = new HashMap<>(Map.of("readId", id.toString()));
        if (!Permission.SEARCH_READS.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "plate reads need the investigator or admin role");
            return;
        }
        access.requirePurpose(ctx, who, false, params);
        work.respond(ctx, () -> store.get(id).filter(r -> access.maySee(who, r)), (c, read) -> {
            read.ifPresent(r -> params.put("plate", r.read().normalised()));
            audit.record(c, who, action, params, read.isPresent() ? 1 : 0, read.isPresent() ? 200 : 404)
                    .onSuccess(v -> {
                        if (read.isEmpty()) {
                            c.fail(ApiProblem.notFound("no read " + id));
                        } else {
                            c.json(ReadJson.read(read.get()));
                        }
                    }).onFailure(c::fail);
        });
    }

    /** One of a read's images, or null when the read is not visible or has none kept. */
    private record Image(StoredRead read, byte[] jpeg) {
    }

    private void image(RoutingContext ctx, String which, Function<PlateRead, String> key) {
        Principal who = TokenAuthenticator.principal(ctx);
        UUID id = readId(ctx);
        String action = "GET /api/v1/reads/{readId}/" + which + ".jpg";
        Map<String, String> params = new HashMap<>(Map.of("readId", id.toString()));
        if (!Permission.SEARCH_READS.grantedTo(who)) {
            audit.refuse(ctx, who, action, params, "plate reads need the investigator or admin role");
            return;
        }
        access.requirePurpose(ctx, who, true, params);
        work.respond(ctx, () -> {
            Optional<StoredRead> read = store.get(id).filter(r -> access.maySee(who, r));
            if (read.isEmpty()) {
                return new Image(null, null);
            }
            return new Image(read.get(), jpeg(key.apply(read.get().read())));
        }, (c, image) -> {
            if (image.read() != null) {
                params.put("plate", image.read().read().normalised());
            }
            boolean found = image.jpeg() != null;
            audit.record(c, who, action, params, found ? 1 : 0, found ? 200 : 404).onSuccess(v -> {
                if (image.read() == null) {
                    c.fail(ApiProblem.notFound("no read " + id));
                } else if (!found) {
                    c.fail(ApiProblem.notFound("read " + id + " has no " + which + " image kept"));
                } else {
                    c.response().putHeader("Content-Type", "image/jpeg").putHeader("Cache-Control", "private, no-store")
                            .end(Buffer.buffer(image.jpeg()));
                }
            }).onFailure(c::fail);
        });
    }

    /**
     * The image stored under {@code key}, or null when there is none (never kept, or deleted by retention). A key
     * that is not a blob key (it would climb out of the image store) is treated as none: keys come from the reads,
     * and a read from a device could carry anything.
     */
    private byte[] jpeg(String key) {
        if (key == null) {
            return null;
        }
        try {
            BlobKey.requireValid(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
        OptionalLong size = images.size(key);
        if (size.isEmpty() || size.getAsLong() > BlobImageStore.MAX_IMAGE_BYTES) {
            return null;
        }
        try (InputStream in = images.open(key, 0, size.getAsLong())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
