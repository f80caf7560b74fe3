package io.xueliang.reads.synth;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.analysis.AreaWindow;
import io.xueliang.reads.store.CameraSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A county's plate reads, day by day, from a {@link HistoryPlan}: commuters (the same route each working morning and
 * evening), residents' errands, through traffic entering at one boundary checkpoint and leaving at another, and the
 * vehicles of {@link PlantedTruth}. Vehicles drive the {@link RoadGraph} at 35-65 km/h, so nothing but the planted
 * clones ever moves impossibly fast; inner cameras miss 3 % of background passes, boundary checkpoints none.
 *
 * <pre>
 *   HistoryPlan ──► RoadGraph (cameras, roads) + population + planted vehicles
 *   generate(sink): for each day: background trips + planted trips ──► sorted by time ──► sink(day's reads)
 * </pre>
 *
 * <p>Each day draws from a random of its own (seed and day); through traffic's new plates come from one issuer, so
 * days are generated in order, once ({@link #generate}).
 */
public final class ReadHistoryGenerator {
    private static final int COMPANIONS = 3;
    private static final Duration CONVOY_GAP = Duration.ofSeconds(60);
    private static final int CONVOY_MIN_CAMERAS = 3;

    private final HistoryPlan plan;
    private final RoadGraph graph;
    private final LocalDate firstDay;
    private final ChinesePlates plates;
    private final List<Commuter> commuters = new ArrayList<>();
    private final List<ChinesePlates.Plate> residents = new ArrayList<>();
    private final int tripsPerDay;
    private final int throughPerDay;
    // planted
    private final ChinesePlates.Plate convoyTarget;
    private final List<ChinesePlates.Plate> convoyCompanions = new ArrayList<>();
    private final ChinesePlates.Plate convoyDecoy;
    private final int[] convoyRoute;
    private final List<ChinesePlates.Plate> firstVisitors = new ArrayList<>();
    private final List<ChinesePlates.Plate> returning = new ArrayList<>();
    private final List<ChinesePlates.Plate> nightMovers = new ArrayList<>();
    private final int[] collisionCameras = new int[3];
    private final List<ChinesePlates.Plate> collisionPlates = new ArrayList<>();
    private final ChinesePlates.Plate collisionDecoy;
    private final int frequentCamera;
    private final List<ChinesePlates.Plate> frequentPlates = new ArrayList<>();
    private final List<ChinesePlates.Plate> cloned = new ArrayList<>();
    private final List<ChinesePlates.Plate> stayers = new ArrayList<>();
    private final List<Integer> stayerGates = new ArrayList<>();
    private final Map<String, Instant> stillInside = new LinkedHashMap<>();
    private final PlantedTruth truth;

    public ReadHistoryGenerator(HistoryPlan plan) {
        this.plan = plan;
        SplittableRandom random = new SplittableRandom(plan.seed());
        this.graph = RoadGraph.generate(plan.cameras(), random.split());
        this.firstDay = plan.start().atZone(plan.zone()).toLocalDate();
        this.plates = new ChinesePlates(random.split());
        int inner = graph.innerCount();

        double innerRoute = meanRouteLength(random, 0, inner, 0, inner);
        double throughRoute = meanRouteLength(random, inner, plan.cameras(), inner, plan.cameras());
        double perDay = (double) plan.reads() / plan.days();
        // half the reads from commuters (2 trips on 9 of 10 working days), 35 % errands, 15 % through traffic
        int commuterCount = (int) Math.round(0.5 * perDay / (2 * innerRoute * 0.9 * 5 / 7));
        this.tripsPerDay = (int) Math.round(0.35 * perDay / innerRoute);
        this.throughPerDay = (int) Math.round(0.15 * perDay / throughRoute);
        for (int i = 0; i < commuterCount; i++) {
            int home = random.nextInt(inner);
            int work = other(random, home, inner);
            commuters.add(new Commuter(plates.next(false), graph.route(home, work),
                    7 * 3600 + random.nextInt(7200), 17 * 3600 + random.nextInt(7200), 35 + random.nextInt(30)));
        }
        for (int i = 0, n = Math.max(10, tripsPerDay * 3); i < n && tripsPerDay > 0; i++) {
            residents.add(plates.next(false));
        }

        convoyTarget = plates.next(false);
        for (int i = 0; i < COMPANIONS; i++) {
            convoyCompanions.add(plates.next(random.nextBoolean()));
        }
        convoyDecoy = plates.next(false);
        convoyRoute = longRoute(random, CONVOY_MIN_CAMERAS + 1);
        for (int i = 0; i < 5; i++) {
            firstVisitors.add(plates.next(true));
        }
        for (int i = 0; i < 2; i++) {
            returning.add(plates.next(true));
        }
        for (int i = 0; i < 4; i++) {
            nightMovers.add(plates.next(false));
        }
        for (int i = 0; i < 3; i++) {
            collisionCameras[i] = random.nextInt(inner);
            collisionPlates.add(plates.next(false));
        }
        collisionDecoy = plates.next(false);
        frequentCamera = random.nextInt(inner);
        for (int i = 0; i < 3; i++) {
            frequentPlates.add(plates.next(false));
        }
        for (int i = 0; i < 3; i++) {
            cloned.add(plates.next(false));
        }
        for (int i = 0; i < 3; i++) {
            stayers.add(plates.next(true));
        }
        // the stayers' entries are fixed here so the truth is known before any day is generated
        SplittableRandom entries = new SplittableRandom(plan.seed() ^ 0x5EED);
        for (ChinesePlates.Plate p : stayers) {
            int gate = inner + entries.nextInt(plan.cameras() - inner);
            stillInside.put(p.text(), local(plan.days() - 3, 16 * 3600 + entries.nextInt(3600)));
            stayerGates.add(gate);
        }

        List<AreaWindow> pairs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pairs.add(new AreaWindow(area(collisionCameras[i]), local(collisionDay(i), 13 * 3600),
                    local(collisionDay(i), 14 * 3600)));
        }
        truth = new PlantedTruth(
                new PlantedTruth.Convoy(convoyTarget.text(), texts(convoyCompanions), convoyDecoy.text(), CONVOY_GAP,
                        CONVOY_MIN_CAMERAS),
                new PlantedTruth.FirstVisits(texts(firstVisitors), texts(returning), local(plan.days() - 2, 0),
                        local(plan.days(), 0)),
                texts(nightMovers),
                new PlantedTruth.Collision(pairs, texts(collisionPlates), collisionDecoy.text()),
                new PlantedTruth.Frequent(graph.cameras().get(frequentCamera).id(), texts(frequentPlates),
                        4 * plan.days()),
                texts(cloned), Map.copyOf(stillInside));
    }

    public RoadGraph graph() {
        return graph;
    }

    public PlantedTruth truth() {
        return truth;
    }

    /** The first day's local midnight. */
    public Instant start() {
        return local(0, 0);
    }

    /** The instant after the last day. */
    public Instant end() {
        return local(plan.days(), 0);
    }

    /**
     * Generates the history, handing each day's reads, in time order, to {@code day}.
     *
     * @return how many reads were generated
     */
    public long generate(Consumer<List<PlateRead>> day) {
        long total = 0;
        for (int d = 0; d < plan.days(); d++) {
            List<PlateRead> reads = day(d);
            total += reads.size();
            day.accept(reads);
        }
        return total;
    }

    /** Day {@code d}'s reads (0 is the first), in time order; call for each day in order, once. */
    List<PlateRead> day(int d) {
        SplittableRandom r = new SplittableRandom(plan.seed() * 1_000_003L + d);
        List<PlateRead> out = new ArrayList<>();
        boolean workday = firstDay.plusDays(d).getDayOfWeek().getValue() <= 5;
        if (workday) {
            for (Commuter c : commuters) {
                if (r.nextInt(10) < 9) {
                    trip(out, r, c.plate, c.route, local(d, c.morning + r.nextInt(600)), c.kmh, true, false, false);
                    trip(out, r, c.plate, reversed(c.route), local(d, c.evening + r.nextInt(900)), c.kmh, true,
                            false, false);
                }
            }
        }
        int inner = graph.innerCount();
        // one errand a day at most for each resident: two the same day could overlap and look like a clone
        int[] pool = new int[residents.size()];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < Math.min(tripsPerDay, pool.length); i++) {
            int pick = i + r.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[pick];
            pool[pick] = swap;
            ChinesePlates.Plate p = residents.get(pool[i]);
            int from = r.nextInt(inner);
            trip(out, r, p, graph.route(from, other(r, from, inner)), local(d, 7 * 3600 + r.nextInt(15 * 3600)),
                    35 + r.nextInt(30), true, false, false);
        }
        int boundary = plan.cameras() - inner;
        for (int i = 0; i < throughPerDay; i++) {
            int in = inner + r.nextInt(boundary);
            int out2 = inner + (in - inner + 1 + r.nextInt(boundary - 1)) % boundary;
            trip(out, r, plates.next(true), graph.route(in, out2), local(d, 5 * 3600 + r.nextInt(16 * 3600)),
                    35 + r.nextInt(30), true, true, true);
        }
        planted(d, r, out);
        out.sort(Comparator.comparing(PlateRead::time));
        return out;
    }

    private void planted(int d, SplittableRandom r, List<PlateRead> out) {
        int inner = graph.innerCount();
        // convoy: three trips on days 1-3, companions within ±25 s of the target at each camera (more, and a companion
        // could pass two close cameras in the wrong order)
        if (d >= 1 && d <= 3) {
            Instant at = local(d, 10 * 3600 + 1800 + r.nextInt(600));
            List<PlateRead> targetReads = new ArrayList<>();
            trip(targetReads, r, convoyTarget, convoyRoute, at, 50, false, false, false);
            out.addAll(targetReads);
            for (ChinesePlates.Plate c : convoyCompanions) {
                for (PlateRead t : targetReads) {
                    out.add(read(r, c, cameraIndex(t.camera()), t.time().plusSeconds(r.nextInt(51) - 25),
                            t.direction()));
                }
            }
            if (d == 1) {
                for (int i = 0; i < CONVOY_MIN_CAMERAS - 1; i++) {
                    PlateRead t = targetReads.get(i);
                    out.add(read(r, convoyDecoy, cameraIndex(t.camera()), t.time().plusSeconds(20), t.direction()));
                }
            }
        }
        // first visitors on the last day; the returning ones on the first day too
        if (d == plan.days() - 1) {
            for (ChinesePlates.Plate p : firstVisitors) {
                int from = r.nextInt(inner);
                trip(out, r, p, graph.route(from, other(r, from, inner)), local(d, 14 * 3600 + r.nextInt(3600)),
                        45, false, false, false);
            }
        }
        if (d == 0 || d == plan.days() - 1) {
            for (ChinesePlates.Plate p : returning) {
                int from = r.nextInt(inner);
                trip(out, r, p, graph.route(from, other(r, from, inner)), local(d, 11 * 3600 + r.nextInt(3600)),
                        45, false, false, false);
            }
        }
        // night movers: every other night, 3-4 cameras between 01:00 and 04:30; one errand by day on day 2
        for (ChinesePlates.Plate p : nightMovers) {
            if (d % 2 == 0) {
                int[] route = longRoute(r, 3);
                trip(out, r, p, Arrays.copyOf(route, Math.min(4, route.length)),
                        local(d, 3600 + r.nextInt(3 * 3600)), 60, false, false, false);
            }
            if (d == 2) {
                out.add(read(r, p, r.nextInt(inner), local(d, 15 * 3600 + r.nextInt(3600)), direction(r)));
            }
        }
        // region collision: one pass inside each window; the decoy misses the last
        for (int i = 0; i < 3; i++) {
            if (collisionDay(i) == d) {
                for (ChinesePlates.Plate p : collisionPlates) {
                    out.add(read(r, p, collisionCameras[i], local(d, 13 * 3600 + 60 + r.nextInt(3500)),
                            direction(r)));
                }
                if (i < 2) {
                    out.add(read(r, collisionDecoy, collisionCameras[i], local(d, 13 * 3600 + 60 + r.nextInt(3500)),
                            direction(r)));
                }
            }
        }
        // frequent passers: six passes of one camera a day, 07:00-21:00, at least 20 minutes apart
        for (ChinesePlates.Plate p : frequentPlates) {
            for (int i = 0; i < 6; i++) {
                out.add(read(r, p, frequentCamera, local(d, 7 * 3600 + i * 8400 + r.nextInt(7200)), direction(r)));
            }
        }
        // cloned plates: on day 1 the real vehicle passes a camera and the clone is read four minutes later at the
        // inner camera farthest from it
        if (d == 1) {
            for (ChinesePlates.Plate p : cloned) {
                int here = r.nextInt(inner);
                int far = farthest(here);
                Instant t = local(d, 9 * 3600 + r.nextInt(3600));
                out.add(read(r, p, here, t, direction(r)));
                out.add(read(r, p, far, t.plusSeconds(240), direction(r)));
            }
        }
        if (d == 5) {
            for (ChinesePlates.Plate p : cloned) {
                int from = r.nextInt(inner);
                trip(out, r, p, graph.route(from, other(r, from, inner)), local(d, 12 * 3600), 50, false, false,
                        false);
            }
        }
        // stayers enter at a boundary three days before the end, drive in and run errands after
        for (int i = 0; i < stayers.size(); i++) {
            ChinesePlates.Plate p = stayers.get(i);
            if (d == plan.days() - 3) {
                Instant at = stillInside.get(p.text());
                int[] route = graph.route(stayerGates.get(i), r.nextInt(inner));
                trip(out, r, p, route, at, 50, false, true, false);
            } else if (d > plan.days() - 3) {
                int from = r.nextInt(inner);
                trip(out, r, p, graph.route(from, other(r, from, inner)), local(d, 10 * 3600 + r.nextInt(3600)),
                        45, false, false, false);
            }
        }
    }

    /** The three collision windows: days 0, 2 and 4. */
    private static int collisionDay(int pair) {
        return pair * 2;
    }

    private CameraSet area(int camera) {
        return CameraSet.only(Set.of(graph.cameras().get(camera).id()));
    }

    /**
     * Adds the reads of one drive along {@code route} from {@code start}.
     *
     * @param misses inner cameras miss 3 % of passes
     * @param enters the first camera is a boundary checkpoint passed entering
     * @param leaves the last camera is a boundary checkpoint passed leaving
     */
    private void trip(List<PlateRead> out, SplittableRandom r, ChinesePlates.Plate plate, int[] route, Instant start,
            int kmh, boolean misses, boolean enters, boolean leaves) {
        double seconds = 0;
        for (int i = 0; i < route.length; i++) {
            if (i > 0) {
                seconds += graph.roadKm(route[i - 1], route[i]) / kmh * 3600;
            }
            SynthCamera cam = graph.cameras().get(route[i]);
            PlateRead.Direction dir;
            if (cam.boundary()) {
                dir = i == 0 && enters ? cam.checkpoint().entering() : cam.checkpoint().leaving();
            } else {
                if (misses && r.nextInt(100) < 3) {
                    continue;
                }
                dir = direction(r);
            }
            out.add(read(r, plate, route[i], start.plusMillis((long) (seconds * 1000)), dir));
        }
    }

    private PlateRead read(SplittableRandom r, ChinesePlates.Plate plate, int camera, Instant time,
            PlateRead.Direction direction) {
        UUID id = PlateRead.newId(time, r);
        String text = plate.text();
        Double[] chars = new Double[text.length()];
        double weakest = 1;
        for (int i = 0; i < chars.length; i++) {
            chars[i] = 0.85 + r.nextInt(150) / 1000.0;
            weakest = Math.min(weakest, chars[i]);
        }
        CameraId cam = graph.cameras().get(camera).id();
        // as the image store names them: camera/day/time-id-name.jpg (UTC)
        java.time.ZonedDateTime utc = time.atZone(java.time.ZoneOffset.UTC);
        String key = cam.value() + "/" + utc.toLocalDate() + "/" + String.format("%02d%02d%02d%03d", utc.getHour(),
                utc.getMinute(), utc.getSecond(), utc.getNano() / 1_000_000) + "-" + id;
        // microseconds, as the store keeps them
        Instant t = Instant.ofEpochSecond(time.getEpochSecond(), time.getNano() / 1000 * 1000L);
        return new PlateRead(id, cam, t, text, text, plate.colour(), plate.format(), weakest, Arrays.asList(chars),
                new PlateRead.Box(400 + r.nextInt(800), 500 + r.nextInt(400), 110 + r.nextInt(40),
                        35 + r.nextInt(10)),
                r.nextInt(1_000_000), direction, 3 + r.nextInt(8), key + "-plate.jpg", key + "-overview.jpg");
    }

    private static PlateRead.Direction direction(SplittableRandom r) {
        return r.nextBoolean() ? PlateRead.Direction.APPROACHING : PlateRead.Direction.RECEDING;
    }

    private int cameraIndex(CameraId id) {
        return Integer.parseInt(id.value().substring(3));
    }

    private Instant local(int day, int secondOfDay) {
        ZonedDateTime midnight = firstDay.plusDays(day).atStartOfDay(plan.zone());
        return midnight.plusSeconds(secondOfDay).toInstant();
    }

    private int farthest(int from) {
        int best = 0;
        for (int v = 0; v < graph.innerCount(); v++) {
            if (graph.km(from, v) > graph.km(from, best)) {
                best = v;
            }
        }
        return best;
    }

    private int[] longRoute(SplittableRandom r, int minCameras) {
        int inner = graph.innerCount();
        int[] best = new int[0];
        for (int attempt = 0; attempt < 200; attempt++) {
            int from = r.nextInt(inner);
            int[] route = graph.route(from, other(r, from, inner));
            if (route.length > best.length) {
                best = route;
            }
            if (best.length >= minCameras) {
                return best;
            }
        }
        throw new IllegalStateException("no route of " + minCameras + " cameras in " + inner + " inner cameras");
    }

    private double meanRouteLength(SplittableRandom random, int fromLow, int fromHigh, int toLow, int toHigh) {
        long sum = 0;
        int n = 200;
        for (int i = 0; i < n; i++) {
            int a = fromLow + random.nextInt(fromHigh - fromLow);
            int b;
            do {
                b = toLow + random.nextInt(toHigh - toLow);
            } while (b == a);
            sum += graph.route(a, b).length;
        }
        return (double) sum / n;
    }

    private static int other(SplittableRandom r, int not, int bound) {
        int v = r.nextInt(bound - 1);
        return v >= not ? v + 1 : v;
    }

    private static int[] reversed(int[] route) {
        int[] out = new int[route.length];
        for (int i = 0; i < route.length; i++) {
            out[i] = route[route.length - 1 - i];
        }
        return out;
    }

    private static Set<String> texts(List<ChinesePlates.Plate> plates) {
        Set<String> out = new LinkedHashSet<>();
        plates.forEach(p -> out.add(p.text()));
        return Set.copyOf(out);
    }

    private record Commuter(ChinesePlates.Plate plate, int[] route, int morning, int evening, int kmh) {
    }
}
