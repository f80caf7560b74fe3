package io.xueliang.api.analysis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xueliang.reads.analysis.ClonedPlateAnalysis;
import io.xueliang.reads.analysis.CompanionAnalysis;
import io.xueliang.reads.analysis.FirstSeenAnalysis;
import io.xueliang.reads.analysis.FrequentAnalysis;
import io.xueliang.reads.analysis.NightActivityAnalysis;

/** One finding of an analysis as JSON: always a {@code plate}, then what the kind found about it. */
final class FindingJson {
    private FindingJson() {
    }

    static JsonObject of(Object finding) {
        return switch (finding) {
            case CompanionAnalysis.Companion c -> new JsonObject().put("plate", c.plate()).put("cameras", c.cameras())
                    .put("passes", c.passes()).put("first", c.first().toString()).put("last", c.last().toString());
            case FirstSeenAnalysis.FirstSighting f -> new JsonObject().put("plate", f.plate())
                    .put("first", f.first().toString()).put("reads", f.reads());
            case NightActivityAnalysis.NightMover n -> new JsonObject().put("plate", n.plate()).put("night", n.night())
                    .put("reads", n.reads()).put("share", n.share());
            case FrequentAnalysis.FrequentPasser f -> new JsonObject().put("plate", f.plate()).put("passes", f.passes())
                    .put("cameras", f.cameras()).put("first", f.first().toString()).put("last", f.last().toString());
            case ClonedPlateAnalysis.ClonedPlate c -> {
                JsonArray hops = new JsonArray();
                c.hops().forEach(h -> hops.add(new JsonObject().put("fromCamera", h.fromCamera().value())
                        .put("fromTime", h.fromTime().toString()).put("toCamera", h.toCamera().value())
                        .put("toTime", h.toTime().toString()).put("km", h.km())
                        .put("kmh", Double.isFinite(h.kmh()) ? h.kmh() : null)));
                yield new JsonObject().put("plate", c.plate()).put("count", c.count()).put("hops", hops);
            }
            case String plate -> new JsonObject().put("plate", plate);
            default -> throw new IllegalStateException("no JSON for a finding of " + finding.getClass());
        };
    }
}
