package io.xueliang.analytics.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.xueliang.analytics.image.BgrImage;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.CameraId;
import io.xueliang.media.Codec;
import io.xueliang.media.StreamDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes one camera's H.264 or H.265 access units with libavcodec and converts the pictures the caller selects to
 * {@link BgrImage} with libswscale, scaled down to {@link DecoderSettings#maxWidth()}.
 *
 * <p>Units go to libavcodec as Annex-B, the parameter sets of the unit's {@link StreamDescription} in front of every
 * keyframe, so a decoder can start at any keyframe. A description that differs from the last one (a camera switched
 * from H.264 to H.265, or changed resolution) closes the native decoder and opens a new one at the next keyframe.
 * A malformed payload (checked in Java before any byte reaches native code), a decoding error or a corrupt picture
 * is counted, and the decoder skips everything up to the next keyframe: corrupt pictures never reach plate reading.
 *
 * <p>Holds native memory: close it. Not thread-safe: one thread at a time (a camera's frame source).
 */
public final class VideoDecoder implements AutoCloseable {
    /** AVERROR(EAGAIN) on Linux, the only platform whose natives the build carries. */
    private static final int AVERROR_EAGAIN = -11;
    /** libavutil/frame.h AV_FRAME_FLAG_CORRUPT (1 &lt;&lt; 0); the presets map no constant for it. */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;
    /** Pts to wall-clock entries kept for pictures that come out later than their unit went in (reordering, threads). */
    private static final int MAX_PENDING_TIMES = 64;

    static {
        // Errors are counted per camera; FFmpeg's own lines would write one stderr line per corrupt slice.
        av_log_set_level(AV_LOG_FATAL);
    }

    private final DecoderSettings settings;
    private final Map<Long, Instant> wallClocks = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > MAX_PENDING_TIMES;
        }
    };

    private StreamDescription description;
    private CameraId camera;
    private AVCodecContext context;
    private AVPacket packet;
    private AVFrame frame;
    private SwsContext scaler;
    private BytePointer bgr;
    private long bgrCapacity;
    private PointerPointer<BytePointer> dstData;
    private IntPointer dstLinesize;
    private boolean waitingForKeyframe = true;
    private boolean closed;

    // One writer thread (the decoding one); volatile so metrics may read them from another.
    private volatile long unitsDecoded;
    private volatile long unitsSkipped;
    private volatile long picturesDecoded;
    private volatile long picturesConverted;
    private volatile long errors;
    private volatile long reopens;

    public VideoDecoder(DecoderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Decodes {@code unit} and returns the pictures it completed that {@code select} accepts (tested with each
     * picture's pts, in output order), converted to BGR. Usually one picture or none; never throws for bad data.
     *
     * @throws IllegalArgumentException when the unit is not H.264 or H.265 video
     * @throws IllegalStateException when closed, or when this FFmpeg build lacks the decoder
     */
    public List<DecodedFrame> decode(AccessUnit unit, LongPredicate select) {
        requireOpen();
        Codec codec = unit.codec();
        if (codec != Codec.H264 && codec != Codec.H265) {
            throw new IllegalArgumentException("cannot decode " + codec + ": H.264 and H.265 only");
        }
        camera = unit.camera();
        StreamDescription d = unit.description();
        if (d != description) {
            if (description != null && !d.equals(description)) {
                reopens++;
                release();
                waitingForKeyframe = true;
            }
            description = d;
        }
        if (waitingForKeyframe && !unit.isKeyframe()) {
            unitsSkipped++;
            return List.of();
        }
        byte[] annexB;
        try {
            annexB = AnnexB.convert(unit.payload(), unit.isKeyframe() ? parameterSets(d) : List.of(),
                    settings.maxUnitBytes());
        } catch (AnnexB.MalformedUnitException e) {
            return failed();
        }
        if (context == null) {
            open(codec);
        } else if (waitingForKeyframe) {
            avcodec_flush_buffers(context); // forget pictures that referred to what was lost
        }
        waitingForKeyframe = false;
        av_packet_unref(packet);
        if (av_new_packet(packet, annexB.length) < 0) {
            return failed();
        }
        packet.data().put(annexB, 0, annexB.length);
        packet.pts(unit.pts90k());
        packet.dts(AV_NOPTS_VALUE);
        packet.flags(unit.isKeyframe() ? AV_PKT_FLAG_KEY : 0);
        wallClocks.put(unit.pts90k(), unit.wallClock());
        int ret = avcodec_send_packet(context, packet);
        av_packet_unref(packet);
        unitsDecoded++;
        List<DecodedFrame> out = new ArrayList<>(1);
        if (ret < 0 && ret != AVERROR_EAGAIN) {
            failed();
            return out;
        }
        receive(select, out);
        return out;
    }

    /**
     * Ends the current sequence: pictures libavcodec still holds come out (those {@code select} accepts, converted),
     * and decoding restarts at the next keyframe. For keyframes-only sampling and for a camera gone quiet.
     */
    public List<DecodedFrame> flush(LongPredicate select) {
        requireOpen();
        List<DecodedFrame> out = new ArrayList<>();
        if (context != null && !waitingForKeyframe) {
            if (avcodec_send_packet(context, null) >= 0) {
                receive(select, out);
            }
            avcodec_flush_buffers(context);
        }
        waitingForKeyframe = true;
        return out;
    }

    /**
     * Drops what the decoder holds and skips everything up to the next keyframe: for a reader that lost units (the
     * pictures after the gap would refer to pictures the decoder never saw).
     */
    public void restartAtNextKeyframe() {
        requireOpen();
        if (context != null && !waitingForKeyframe) {
            avcodec_flush_buffers(context);
        }
        waitingForKeyframe = true;
    }

    /**
     * Frees the native decoder and scaler (a camera gone quiet need not hold them); the next keyframe opens them
     * again. Pictures still inside are lost: {@link #flush} first to have them.
     */
    public void release() {
        if (context != null) {
            avcodec_free_context(context);
            context = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
        if (bgr != null) {
            bgr.close();
            bgr = null;
            bgrCapacity = 0;
        }
        if (dstData != null) {
            dstData.close();
            dstLinesize.close();
            dstData = null;
            dstLinesize = null;
        }
        waitingForKeyframe = true;
        wallClocks.clear();
    }

    /** True while native decoder state is held (between the first decoded keyframe and {@link #release}). */
    public boolean holdsNativeDecoder() {
        return context != null;
    }

    public DecoderCounters counters() {
        return new DecoderCounters(unitsDecoded, unitsSkipped, picturesDecoded, picturesConverted, errors, reopens);
    }

    @Override
    public void close() {
        if (!closed) {
            release();
            closed = true;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("decoder closed");
        }
    }

    private List<DecodedFrame> failed() {
        errors++;
        waitingForKeyframe = true;
        return new ArrayList<>(0);
    }

    private static List<byte[]> parameterSets(StreamDescription d) {
        List<byte[]> all = new ArrayList<>(d.vps().size() + d.sps().size() + d.pps().size());
        all.addAll(d.vps());
        all.addAll(d.sps());
        all.addAll(d.pps());
        return all;
    }

    private void open(Codec codec) {
        AVCodec decoder = avcodec_find_decoder(codec == Codec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC);
        if (decoder == null || decoder.isNull()) {
            throw new IllegalStateException("this FFmpeg build has no " + codec + " decoder");
        }
        AVCodecContext c = avcodec_alloc_context3(decoder);
        if (c == null || c.isNull()) {
            throw new OutOfMemoryError("avcodec_alloc_context3 failed");
        }
        c.thread_count(settings.threads());
        c.pkt_timebase(av_make_q(1, 90_000));
        int ret = avcodec_open2(c, decoder, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(c);
            throw new IllegalStateException("cannot open the " + codec + " decoder: error " + ret);
        }
        context = c;
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        dstData = new PointerPointer<>(4);
        dstLinesize = new IntPointer(4);
    }

    private void receive(LongPredicate select, List<DecodedFrame> out) {
        while (true) {
            int ret = avcodec_receive_frame(context, frame);
            if (ret < 0) {
                if (ret != AVERROR_EAGAIN && ret != org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
                    failed();
                }
                return;
            }
            try {
                picturesDecoded++;
                if ((frame.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0) {
                    failed();
                    continue;
                }
                long pts = frame.best_effort_timestamp();
                if (pts == AV_NOPTS_VALUE) {
                    pts = frame.pts();
                }
                if (select.test(pts)) {
                    BgrImage image = convert();
                    if (image == null) {
                        failed();
                        continue;
                    }
                    picturesConverted++;
                    Instant wall = wallClocks.get(pts);
                    out.add(new DecodedFrame(camera, pts, wall != null ? wall : wallClockFallback(), image));
                }
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private Instant wallClockFallback() {
        Instant last = null;
        for (Instant i : wallClocks.values()) {
            last = i;
        }
        return last != null ? last : Instant.EPOCH;
    }

    private BgrImage convert() {
        int w = frame.width();
        int h = frame.height();
        if (w < 1 || h < 1 || w > BgrImage.MAX_SIDE || h > BgrImage.MAX_SIDE) {
            return null;
        }
        int[] size = settings.outputSize(w, h);
        int ow = size[0];
        int oh = size[1];
        scaler = sws_getCachedContext(scaler, w, h, frame.format(), ow, oh, AV_PIX_FMT_BGR24, SWS_BILINEAR, null,
                null, (DoublePointer) null);
        if (scaler == null || scaler.isNull()) {
            scaler = null;
            return null;
        }
        long bytes = (long) ow * oh * 3;
        if (bgrCapacity < bytes) {
            if (bgr != null) {
                bgr.close();
            }
            bgr = new BytePointer(bytes);
            bgrCapacity = bytes;
        }
        dstData.put(0, bgr);
        dstLinesize.put(0, ow * 3);
        int rows = sws_scale(scaler, frame.data(), frame.linesize(), 0, h, dstData, dstLinesize);
        if (rows != oh) {
            return null;
        }
        byte[] pixels = new byte[(int) bytes];
        bgr.position(0).get(pixels, 0, pixels.length);
        return BgrImage.wrap(ow, oh, pixels);
    }
}
