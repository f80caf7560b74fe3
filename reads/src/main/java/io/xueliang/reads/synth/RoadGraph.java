package io.xueliang.reads.synth;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import io.xueliang.reads.analysis.GeoPoint;
import io.xueliang.reads.ring.BoundaryCheckpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A county's roads as a graph of its checkpoint cameras: inner cameras scattered over a disc around the county seat,
 * joined to their nearest neighbours and by a spanning tree (so every camera reaches every other), and boundary
 * checkpoints on a ring outside them, each on one road into the county (joined to its nearest inner camera only, so
 * traffic inside never passes a boundary checkpoint). A road is {@link #ROAD_FACTOR} times the straight line.
 */
public final class RoadGraph {
    /** 湘潭县's seat, 易俗河. */
    public static final GeoPoint COUNTY_SEAT = new GeoPoint(27.78, 112.95);
    /** The region the boundary checkpoints guard. */
    public static final List<String> COUNTY = List.of("湘潭县");
    /** Most cameras: one shortest-path tree per camera is kept, cameras² entries. */
    public static final int MAX_CAMERAS = 4_000;
    static final double ROAD_FACTOR = 1.3;
    private static final double INNER_RADIUS_KM = 20;
    private static final double RING_RADIUS_KM = 25;
    private static final int NEIGHBOURS = 3;

    private final List<SynthCamera> cameras;
    private final int innerCount;
    private final int[][] edges;
    private final double[][] edgeKm;
    /** Per source, lazily: the previous camera on the shortest path from it. */
    private final int[][] previous;

    private RoadGraph(List<SynthCamera> cameras, int innerCount, int[][] edges, double[][] edgeKm) {
        this.cameras = List.copyOf(cameras);
        this.innerCount = innerCount;
        this.edges = edges;
        this.edgeKm = edgeKm;
        this.previous = new int[cameras.size()][];
    }

    /** {@code count} cameras, about a tenth of them (at least two) on the boundary. */
    static RoadGraph generate(int count, SplittableRandom random) {
        if (count < 6 || count > MAX_CAMERAS) {
            throw new IllegalArgumentException("cameras must be 6-" + MAX_CAMERAS + ", got " + count);
        }
        int boundary = Math.max(2, count / 10);
        int inner = count - boundary;
        List<SynthCamera> cams = new ArrayList<>(count);
        double kmPerDegLat = 111.2;
        double kmPerDegLon = 111.2 * Math.cos(Math.toRadians(COUNTY_SEAT.lat()));
        for (int i = 0; i < inner; i++) {
            double r = INNER_RADIUS_KM * Math.sqrt(random.nextDouble());
            double a = 2 * Math.PI * random.nextDouble();
            cams.add(new SynthCamera(new CameraId(String.format("kk-%04d", i)), new GeoPoint(
                    COUNTY_SEAT.lat() + r * Math.sin(a) / kmPerDegLat,
                    COUNTY_SEAT.lon() + r * Math.cos(a) / kmPerDegLon), null));
        }
        for (int i = 0; i < boundary; i++) {
            double a = 2 * Math.PI * (i + 0.3 * random.nextDouble()) / boundary;
            double r = RING_RADIUS_KM + 2 * random.nextDouble();
            // a camera facing out of the county sees entering vehicles' rear plates; one facing in, their front
            boolean facingIn = random.nextBoolean();
            CameraId id = new CameraId(String.format("kk-%04d", inner + i));
            BoundaryCheckpoint cp = facingIn
                    ? new BoundaryCheckpoint(id, COUNTY, PlateRead.Direction.APPROACHING, PlateRead.Direction.RECEDING)
                    : new BoundaryCheckpoint(id, COUNTY, PlateRead.Direction.RECEDING, PlateRead.Direction.APPROACHING);
            cams.add(new SynthCamera(id, new GeoPoint(
                    COUNTY_SEAT.lat() + r * Math.sin(a) / kmPerDegLat,
                    COUNTY_SEAT.lon() + r * Math.cos(a) / kmPerDegLon), cp));
        }
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            adj.add(new ArrayList<>());
        }
        // inner: each to its nearest neighbours...
        for (int i = 0; i < inner; i++) {
            Integer[] order = new Integer[inner];
            for (int j = 0; j < inner; j++) {
                order[j] = j;
            }
            final int from = i;
            Arrays.sort(order, (x, y) -> Double.compare(km(cams, from, x), km(cams, from, y)));
            for (int n = 1; n <= NEIGHBOURS && n < inner; n++) {
                link(adj, i, order[n]);
            }
        }
        // ...and a minimum spanning tree (Prim), so the graph is connected
        boolean[] in = new boolean[inner];
        double[] best = new double[inner];
        int[] via = new int[inner];
        Arrays.fill(best, Double.MAX_VALUE);
        best[0] = 0;
        via[0] = -1;
        for (int step = 0; step < inner; step++) {
            int u = -1;
            for (int v = 0; v < inner; v++) {
                if (!in[v] && (u < 0 || best[v] < best[u])) {
                    u = v;
                }
            }
            in[u] = true;
            if (via[u] >= 0) {
                link(adj, u, via[u]);
            }
            for (int v = 0; v < inner; v++) {
                double d = km(cams, u, v);
                if (!in[v] && d < best[v]) {
                    best[v] = d;
                    via[v] = u;
                }
            }
        }
        for (int b = inner; b < count; b++) {
            int nearest = 0;
            for (int v = 1; v < inner; v++) {
                if (km(cams, b, v) < km(cams, b, nearest)) {
                    nearest = v;
                }
            }
            link(adj, b, nearest);
        }
        int[][] edges = new int[count][];
        double[][] edgeKm = new double[count][];
        for (int i = 0; i < count; i++) {
            edges[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
            edgeKm[i] = new double[edges[i].length];
            for (int e = 0; e < edges[i].length; e++) {
                edgeKm[i][e] = km(cams, i, edges[i][e]) * ROAD_FACTOR;
            }
        }
        return new RoadGraph(cams, inner, edges, edgeKm);
    }

    private static void link(List<List<Integer>> adj, int a, int b) {
        if (a != b && !adj.get(a).contains(b)) {
            adj.get(a).add(b);
            adj.get(b).add(a);
        }
    }

    private static double km(List<SynthCamera> cams, int a, int b) {
        return cams.get(a).position().kmTo(cams.get(b).position());
    }

    public List<SynthCamera> cameras() {
        return cameras;
    }

    /** Cameras {@code 0..innerCount()-1} are inside the county; the rest are boundary checkpoints. */
    public int innerCount() {
        return innerCount;
    }

    /** Straight-line distance between two cameras, km. */
    public double km(int a, int b) {
        return km(cameras, a, b);
    }

    /** Road distance between neighbouring cameras on a route, km. */
    double roadKm(int a, int b) {
        for (int e = 0; e < edges[a].length; e++) {
            if (edges[a][e] == b) {
                return edgeKm[a][e];
            }
        }
        throw new IllegalArgumentException("no road from " + a + " to " + b);
    }

    /** The cameras passed on the shortest road from {@code from} to {@code to}, both included. */
    synchronized int[] route(int from, int to) {
        int[] prev = previous[from];
        if (prev == null) {
            prev = dijkstra(from);
            previous[from] = prev;
        }
        int n = 0;
        for (int v = to; v != -1; v = prev[v]) {
            n++;
        }
        int[] path = new int[n];
        for (int v = to; v != -1; v = prev[v]) {
            path[--n] = v;
        }
        return path;
    }

    private int[] dijkstra(int source) {
        int count = cameras.size();
        double[] dist = new double[count];
        int[] prev = new int[count];
        Arrays.fill(dist, Double.MAX_VALUE);
        Arrays.fill(prev, -1);
        dist[source] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        queue.add(new double[] {0, source});
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int u = (int) top[1];
            if (top[0] > dist[u]) {
                continue;
            }
            for (int e = 0; e < edges[u].length; e++) {
                int v = edges[u][e];
                double d = dist[u] + edgeKm[u][e];
                if (d < dist[v]) {
                    dist[v] = d;
                    prev[v] = u;
                    queue.add(new double[] {d, v});
                }
            }
        }
        return prev;
    }
}
