package io.xueliang.synth.clip;

import io.xueliang.synth.scene.RoadCamera;
import io.xueliang.synth.scene.TrafficPlan;
import io.xueliang.synth.scene.Vehicle;
import java.util.Locale;

/**
 * Writes the sidecar JSON of a clip: for each vehicle its plate, colour, direction and the frame
 * and time at which its plate crosses the checkpoint line. Example:
 * <pre>
 * {"clip":"road-720p-h264.ts","codec":"h264","width":1280,"height":720,"fps":25,"seconds":16.0,"gopFrames":50,
 *  "seed":1,"checkpointLineY":540,"vehicles":[{"id":1,"plate":"湘C12345","plateDisplay":"湘C·12345",
 *  "color":"blue","vehicle":"car","direction":"approaching","crossFrame":15,"crossSeconds":0.600,
 *  "plateWidthPx":126}]}
 * </pre>
 * Crossing times repeat every {@code seconds} when the clip loops.
 */
final class GroundTruthWriter {
    private GroundTruthWriter() {
    }

    static String toJson(ClipOptions o, TrafficPlan plan, java.util.function.ToDoubleFunction<Vehicle> plateWidth) {
        StringBuilder s = new StringBuilder(1024);
        s.append("{\n  \"clip\": ").append(quote(o.out().getFileName().toString()));
        s.append(",\n  \"codec\": ").append(quote(o.codec().label()));
        s.append(",\n  \"width\": ").append(RoadCamera.WIDTH).append(", \"height\": ").append(RoadCamera.HEIGHT);
        s.append(",\n  \"fps\": ").append(o.fps());
        s.append(",\n  \"seconds\": ").append(fmt(o.seconds()));
        s.append(",\n  \"frames\": ").append(o.frames());
        s.append(",\n  \"gopFrames\": ").append(o.gopFrames());
        s.append(",\n  \"bitrate\": ").append(o.bitrate());
        s.append(",\n  \"seed\": ").append(o.seed());
        s.append(",\n  \"camera\": ").append(quote(o.cameraName()));
        s.append(",\n  \"checkpointLineY\": ")
                .append(Math.round(new RoadCamera().project(0, 0, RoadCamera.CHECKPOINT_Z).getY()));
        s.append(",\n  \"vehicles\": [");
        String sep = "\n";
        for (Vehicle v : plan.vehicles()) {
            s.append(sep).append("    {\"id\": ").append(v.id());
            s.append(", \"plate\": ").append(quote(v.plate().text()));
            s.append(", \"plateDisplay\": ").append(quote(v.plate().displayText()));
            s.append(", \"color\": ").append(quote(v.plate().type().colour()));
            s.append(", \"vehicle\": ").append(quote(v.kind().label()));
            s.append(", \"direction\": ").append(quote(v.direction().label()));
            s.append(", \"crossFrame\": ").append((int) Math.round(v.crossSeconds() * o.fps()) % o.frames());
            s.append(", \"crossSeconds\": ").append(fmt(v.crossSeconds()));
            s.append(", \"speedKmh\": ").append(String.format(Locale.ROOT, "%.1f", v.speed() * 3.6));
            s.append(", \"plateWidthPx\": ").append(Math.round(plateWidth.applyAsDouble(v)));
            s.append('}');
            sep = ",\n";
        }
        s.append("\n  ]\n}\n");
        return s.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
