package io.xueliang.synth.scene;

import io.xueliang.synth.plate.ChinesePlateRenderer;
import io.xueliang.synth.plate.CjkFont;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a moment of a {@link TrafficPlan} into a 1280x720 BGR frame: cached background, vehicles
 * far to near, and the on-screen display a real camera burns in (time top left, name bottom right).
 * The returned image is reused by the next call. Not thread-safe.
 */
public final class SceneRenderer {
    private static final DateTimeFormatter OSD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TrafficPlan plan;
    private final String cameraName;
    private final ZonedDateTime osdStart;
    private final RoadCamera camera = new RoadCamera();
    private final VehiclePainter vehicles;
    private final BufferedImage background;
    private final BufferedImage frame;
    private final Font osdFont;

    /**
     * @param plan the traffic to draw
     * @param seed seeds the background texture
     * @param cameraName burnt into the bottom-right corner
     * @param osdStart wall-clock time shown at loop time 0
     */
    public SceneRenderer(TrafficPlan plan, long seed, String cameraName, ZonedDateTime osdStart) {
        this.plan = plan;
        this.cameraName = cameraName;
        this.osdStart = osdStart;
        this.vehicles = new VehiclePainter(camera, new ChinesePlateRenderer());
        this.background = new BackgroundPainter(camera).paint(seed);
        this.frame = new BufferedImage(RoadCamera.WIDTH, RoadCamera.HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        this.osdFont = CjkFont.find().deriveFont(Font.PLAIN, 30f);
    }

    /** Renders the scene at {@code seconds} since the clip start; the plan loops, the OSD clock does not. */
    public BufferedImage render(double seconds) {
        return render(seconds, true);
    }

    /**
     * The road at {@code seconds} with no vehicles on it, OSD included: the frame a detector must find
     * nothing in. Reuses the same image as {@link #render(double)}.
     */
    public BufferedImage renderEmptyRoad(double seconds) {
        return render(seconds, false);
    }

    private BufferedImage render(double seconds, boolean traffic) {
        Graphics2D g = frame.createGraphics();
        try {
            g.drawImage(background, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double t = seconds % plan.loopSeconds();
            List<Placed> visible = new ArrayList<>();
            for (Vehicle v : traffic ? plan.vehicles() : List.<Vehicle>of()) {
                double z = plan.faceDistance(v, t);
                if (!Double.isNaN(z)) {
                    visible.add(new Placed(v, z));
                }
            }
            visible.sort(Comparator.comparingDouble((Placed p) -> p.z).reversed());
            for (Placed p : visible) {
                vehicles.paint(g, p.vehicle, p.z);
            }
            paintOsd(g, osdStart.plusNanos((long) (seconds * 1e9)));
        } finally {
            g.dispose();
        }
        return frame;
    }

    /**
     * Where {@code v}'s plate is drawn at {@code seconds}: its corners clockwise from the top-left in frame
     * pixels, or null when the vehicle is off the road then. Ground truth for detectors; a nearer vehicle
     * may hide the plate.
     */
    public Point2D.Double[] plateCorners(Vehicle v, double seconds) {
        double z = plan.faceDistance(v, seconds % plan.loopSeconds());
        return Double.isNaN(z) ? null : vehicles.plateCorners(v, z);
    }

    /** Plate width in pixels at the checkpoint line, for checking that plates are legible. */
    public double plateWidthAtCheckpoint(Vehicle v) {
        return vehicles.plateWidthPixels(v, RoadCamera.CHECKPOINT_Z);
    }

    private void paintOsd(Graphics2D g, ZonedDateTime now) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(osdFont);
        String time = OSD_TIME.format(now) + " " + now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.CHINA);
        outlined(g, time, 24, 44);
        int w = g.getFontMetrics().stringWidth(cameraName);
        outlined(g, cameraName, RoadCamera.WIDTH - w - 24, RoadCamera.HEIGHT - 24);
    }

    private static void outlined(Graphics2D g, String text, int x, int y) {
        g.setColor(Color.BLACK);
        g.drawString(text, x - 1, y - 1);
        g.drawString(text, x + 1, y + 1);
        g.drawString(text, x - 1, y + 1);
        g.drawString(text, x + 1, y - 1);
        g.setColor(Color.WHITE);
        g.drawString(text, x, y);
    }

    private record Placed(Vehicle vehicle, double z) {
    }
}
