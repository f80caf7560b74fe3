package io.xueliang.ingest.rtp.g711;

import io.netty.buffer.ByteBuf;
import io.xueliang.ingest.rtp.Depacketizer;
import io.xueliang.ingest.rtp.DepacketizerCounters;
import io.xueliang.ingest.rtp.RtpClock;
import io.xueliang.ingest.rtp.RtpPacket;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * G.711 depacketiser (RFC 3551 §4.5.14): PCMA (payload type 8) or PCMU (0); every packet's
 * payload is one access unit of samples, one byte per sample and channel.
 */
public final class G711Depacketizer implements Depacketizer {
    private final CameraId camera;
    private final int clockRate;
    private final int maxAccessUnitBytes;
    private final Consumer<AccessUnit> sink;
    private final StreamDescription description;

    private long emitted;
    private long droppedOversize;

    /**
     * @param codec              {@link Codec#PCMA} or {@link Codec#PCMU}
     * @param clockRate          8000 for the static payload types
     * @param channels           1 unless the SDP says otherwise
     * @param maxAccessUnitBytes packets with more payload are dropped and counted
     */
    public G711Depacketizer(CameraId camera, Codec codec, int clockRate, int channels, int maxAccessUnitBytes,
            Consumer<AccessUnit> sink) {
        this.camera = Objects.requireNonNull(camera, "camera");
        if (codec != Codec.PCMA && codec != Codec.PCMU) {
            throw new IllegalArgumentException("not G.711: " + codec);
        }
        if (clockRate <= 0 || channels <= 0 || maxAccessUnitBytes <= 0) {
            throw new IllegalArgumentException("clockRate, channels and maxAccessUnitBytes must be positive");
        }
        this.clockRate = clockRate;
        this.maxAccessUnitBytes = maxAccessUnitBytes;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.description = StreamDescription.audio(codec, clockRate, channels, null);
    }

    public StreamDescription description() {
        return description;
    }

    @Override
    public void onPacket(RtpPacket packet, long continuousTimestamp, Instant wallClock) {
        ByteBuf payload = packet.payload();
        int size = payload.readableBytes();
        if (size == 0) {
            return;
        }
        if (size > maxAccessUnitBytes) {
            droppedOversize++;
            return;
        }
        byte[] samples = new byte[size];
        payload.getBytes(payload.readerIndex(), samples);
        emitted++;
        sink.accept(AccessUnit.handOver(camera, description, RtpClock.to90k(continuousTimestamp, clockRate),
                wallClock, true, samples));
    }

    @Override
    public void onLoss() {
        // Every packet stands alone.
    }

    @Override
    public DepacketizerCounters counters() {
        return new DepacketizerCounters(emitted, 0, 0, droppedOversize, 0, 0);
    }
}
