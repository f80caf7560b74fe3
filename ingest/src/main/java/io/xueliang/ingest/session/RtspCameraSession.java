package io.xueliang.ingest.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import io.xueliang.ingest.rtp.Depacketizer;
import io.xueliang.ingest.rtp.DepacketizerCounters;
import io.xueliang.ingest.rtp.Depacketizers;
import io.xueliang.ingest.rtp.RtpProtocolException;
import io.xueliang.ingest.rtp.RtpTrackReceiver;
import io.xueliang.ingest.rtsp.RtspClientSession;
import io.xueliang.ingest.rtsp.RtspProtocolException;
import io.xueliang.ingest.rtsp.RtspSessionListener;
import io.xueliang.ingest.rtsp.RtspTrack;
import io.xueliang.ingest.supervisor.CameraCounters;
import io.xueliang.ingest.supervisor.CameraSession;
import io.xueliang.ingest.supervisor.CameraSessionListener;
import io.xueliang.ingest.wire.WireText;
import io.xueliang.media.AccessUnit;
import io.xueliang.media.Camera;
import io.xueliang.media.StreamHub;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera pulled over RTSP: each RTP packet goes through its track's receiver (sequence and
 * clock tracking, depacketising) and the resulting access units into the camera's hub. Every
 * call arrives on the RTSP session's event loop, so nothing here needs a lock. Bad bytes end this
 * session only; the supervisor reconnects.
 */
final class RtspCameraSession implements CameraSession, RtspSessionListener {
    private static final Logger log = LoggerFactory.getLogger(RtspCameraSession.class);
    /** RFC 3550 suggests 5 s as the minimum RTCP interval. */
    private static final long RECEIVER_REPORT_SECONDS = 5;

    private final Camera camera;
    private final CameraCounters counters;
    private final CameraSessionListener listener;
    private final StreamHub hub;
    private final InstantSource clock;
    private final int maxAccessUnitBytes;
    private RtspClientSession rtsp;
    private RtpTrackReceiver[] receivers = new RtpTrackReceiver[0];
    private long[] lostReported = new long[0];
    private long[] foreignSsrcReported = new long[0];
    /** Per video track, units assembled so far (-1 for other tracks): liveness for the watchdog. */
    private long[] assembled = new long[0];
    /** Per track, the depacketiser's counters as last added to the camera's. */
    private DepacketizerCounters[] dropsReported = new DepacketizerCounters[0];
    private ScheduledFuture<?> reports;
    private boolean failed;

    RtspCameraSession(Camera camera, CameraCounters counters, CameraSessionListener listener, StreamHub hub,
            InstantSource clock, int maxAccessUnitBytes) {
        this.camera = camera;
        this.counters = counters;
        this.listener = listener;
        this.hub = hub;
        this.clock = clock;
        this.maxAccessUnitBytes = maxAccessUnitBytes;
    }

    void attach(RtspClientSession session) {
        this.rtsp = session;
    }

    @Override
    public void stop() {
        rtsp.stop();
    }

    @Override
    public void onPlaying(RtspClientSession session, List<RtspTrack> tracks) {
        receivers = new RtpTrackReceiver[tracks.size()];
        lostReported = new long[tracks.size()];
        foreignSsrcReported = new long[tracks.size()];
        assembled = new long[tracks.size()];
        dropsReported = new DepacketizerCounters[tracks.size()];
        java.util.Arrays.fill(assembled, -1);
        long ourSsrc = ThreadLocalRandom.current().nextLong(1, 1L << 32);
        boolean video = false;
        for (RtspTrack t : tracks) {
            String encoding = t.encodingName() != null ? t.encodingName() : Depacketizers.staticEncoding(t.payloadType());
            try {
                Depacketizer d = Depacketizers.create(camera.id(), encoding, t.clockRate(), t.channels(), t.fmtp(),
                        maxAccessUnitBytes, this::publish);
                receivers[t.index()] = new RtpTrackReceiver(d, t.clockRate(), clock, ourSsrc, "xueliang");
                t.announcedSsrc().ifPresent(receivers[t.index()].tracker()::expectSsrc);
                dropsReported[t.index()] = DepacketizerCounters.NONE;
                if (t.isVideo()) {
                    assembled[t.index()] = 0;
                    video = true;
                }
            } catch (RuntimeException e) {
                // An audio format we cannot carry is skipped; the picture is what matters.
                log.info("camera {}: track {} ({}) not ingested: {}", camera.id(), t.index(), WireText.escape(encoding),
                        WireText.escape(e.getMessage()));
            }
        }
        if (!video) {
            session.abort(new IllegalStateException("no usable video track"));
            return;
        }
        reports = session.eventLoop().scheduleAtFixedRate(this::reportPeriodically,
                RECEIVER_REPORT_SECONDS, RECEIVER_REPORT_SECONDS, TimeUnit.SECONDS);
        listener.onPlaying();
    }

    private void publish(AccessUnit unit) {
        hub.publish(unit);
        if (unit.isVideo()) {
            counters.frame();
        }
    }

    @Override
    public void onRtp(int track, ByteBuf packet) {
        counters.dataReceived(packet.readableBytes());
        if (failed || track >= receivers.length || receivers[track] == null) {
            return;
        }
        RtpTrackReceiver rx = receivers[track];
        try {
            rx.onRtp(packet);
        } catch (RtpProtocolException e) {
            fail(e);
            return;
        }
        long lost = rx.tracker().lostTotal();
        if (lost != lostReported[track]) {
            counters.rtpLost(lost - lostReported[track]);
            lostReported[track] = lost;
        }
        if (assembled[track] >= 0) {
            long units = rx.depacketizer().assembledUnits();
            if (units != assembled[track]) {
                assembled[track] = units;
                counters.unitAssembled();
            }
        }
        long foreign = rx.tracker().foreignSsrcDrops();
        if (foreign != foreignSsrcReported[track]) {
            counters.foreignSsrcPackets(foreign - foreignSsrcReported[track]);
            foreignSsrcReported[track] = foreign;
        }
    }

    @Override
    public void onForeignDatagram(int track) {
        counters.foreignDatagram();
    }

    @Override
    public void onRtcp(int track, ByteBuf packet) {
        counters.dataReceived(packet.readableBytes());
        if (failed || track >= receivers.length || receivers[track] == null) {
            return;
        }
        try {
            receivers[track].onRtcp(packet);
        } catch (RtpProtocolException e) {
            fail(e);
        }
    }

    private void fail(Exception e) {
        failed = true;
        rtsp.abort(e);
    }

    private void reportPeriodically() {
        sendReceiverReports();
        reportDrops();
    }

    /** Adds what the depacketisers dropped since the last call to the camera's counters. */
    private void reportDrops() {
        for (int i = 0; i < receivers.length; i++) {
            if (receivers[i] != null) {
                DepacketizerCounters now = receivers[i].depacketizer().counters();
                DepacketizerCounters before = dropsReported[i];
                counters.unitsDropped(now.droppedBroken() - before.droppedBroken(),
                        now.droppedAwaitingKey() - before.droppedAwaitingKey(),
                        now.droppedOversize() - before.droppedOversize(), now.ignoredPackets() - before.ignoredPackets(),
                        now.ignoredParameterSets() - before.ignoredParameterSets());
                dropsReported[i] = now;
            }
        }
    }

    private void sendReceiverReports() {
        for (int i = 0; i < receivers.length; i++) {
            if (receivers[i] != null && receivers[i].tracker().started()) {
                ByteBuf out = ByteBufAllocator.DEFAULT.buffer(128);
                receivers[i].writeReceiverReport(out);
                rtsp.sendRtcp(i, out);
            }
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (reports != null) {
            reports.cancel(false);
        }
        reportDrops();
        hub.ended();
        if (cause instanceof RtspProtocolException) {
            counters.protocolError();
        }
        listener.onClosed(cause);
    }
}
